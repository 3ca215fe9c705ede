package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCheck;
import java.util.List;

/**
 * {@code session.secret-mismatch}: a signed-cookie session (the cookie carries the data) is accepted by
 * some instances and refused by others — they verify with different secrets; or a signed session id
 * (express-session's {@code s:…}) refused by an instance although the store ({@code --store}) holds the
 * session. See {@link SessionSplit}.
 */
@CheckSpec(id = "session.secret-mismatch", severity = Severity.ERROR, needs = SessionCheck.class)
public final class SessionSecretMismatch implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return SessionSplit.find(observations, ctx)
        .filter(s -> s.cause() == SessionSplit.Cause.SECRET)
        .map(s -> List.of(ctx.finding(s.evidence())))
        .orElse(List.of());
  }
}
