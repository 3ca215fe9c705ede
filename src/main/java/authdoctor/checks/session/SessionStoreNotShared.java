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
 * {@code session.store-not-shared}: a server-side session (the cookie is only an id) is accepted by
 * some instances and refused by others — they keep sessions in per-instance memory or separate stores
 * (with {@code --store}: the session is not in the store, or the id is not signed). See {@link SessionSplit}.
 */
@CheckSpec(id = "session.store-not-shared", severity = Severity.ERROR, needs = SessionCheck.class)
public final class SessionStoreNotShared implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return SessionSplit.find(observations, ctx)
        .filter(s -> s.cause() == SessionSplit.Cause.STORE)
        .map(s -> List.of(ctx.finding(s.evidence())))
        .orElse(List.of());
  }
}
