package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.SecretFingerprints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code session.secret-mismatch} across instances' fingerprints ({@code authdoctor fingerprint --compare}):
 * a secret named in several instances with different keyed fingerprints, so those instances sign or
 * encrypt sessions with different secrets. One evidence per instance that differs from the first one that
 * has the secret, naming both; values never appear, only fingerprints made under one key.
 */
@CheckSpec(id = "session.secret-mismatch", severity = Severity.ERROR, needs = SecretFingerprints.class)
public final class SessionSecretMismatchInFingerprints implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<SecretFingerprints> all = observations.of(SecretFingerprints.class);
    Set<String> names = new LinkedHashSet<>();
    all.forEach(f -> f.secrets().forEach(s -> names.add(s.name())));
    List<Evidence> out = new ArrayList<>();
    for (String name : names) {
      SecretFingerprints first = null;
      SecretFingerprints.Secret reference = null;
      for (SecretFingerprints f : all) {
        SecretFingerprints.Secret s = f.secrets().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        if (s == null) continue;
        if (reference == null) {
          first = f;
          reference = s;
        } else if (!s.fingerprint().equals(reference.fingerprint())) {
          Map<String, String> facts = new LinkedHashMap<>();
          facts.put(first.instance(), "fp:" + reference.fingerprint() + ", " + reference.length() + " chars");
          facts.put(f.instance(), "fp:" + s.fingerprint() + ", " + s.length() + " chars");
          facts.put("note", name + " differs between " + first.instance() + " and " + f.instance()
              + ": a session signed by one is refused by the other");
          out.add(ctx.evidence(f, "fingerprint", name,
              ctx.redactor().plain(name + " fp:" + s.fingerprint() + " ≠ fp:" + reference.fingerprint() + " in " + first.instance()), facts));
        }
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
