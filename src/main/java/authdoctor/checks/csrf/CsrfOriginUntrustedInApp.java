package authdoctor.checks.csrf;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.NginxServer;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code csrf.origin-untrusted} across the application and the proxy: the trusted origins in effect
 * ({@code CSRF_TRUSTED_ORIGINS}) cannot match the {@code Origin} the browser sends from the public site.
 * Two cases, both read without guessing:
 *
 * <ul>
 *   <li>An entry without a scheme ({@code app.example.com}): since Django 4.0 an entry is compared with the
 *       whole origin, scheme included ("Changed in Django 4.0: values must include the scheme"), so it
 *       matches nothing. Django's system check {@code 4_0.E001} says so, but gunicorn and uvicorn do not run
 *       system checks: production starts and refuses every cross-origin form.
 *   <li>An entry for a host nginx serves, with a scheme or port the public site does not use ({@code
 *       http://app.example.com} while nginx serves it on TLS only), and no entry for the origin it does
 *       use: the browser sends {@code Origin: https://app.example.com} (Fetch, "serializing an origin"),
 *       which the entry does not equal.
 * </ul>
 *
 * A same-origin form needs no entry at all, so a list that does not name the public origin is not judged
 * here unless it names the host with the wrong scheme or port.
 */
@CheckSpec(id = "csrf.origin-untrusted", severity = Severity.ERROR, needs = AppSetting.class)
public final class CsrfOriginUntrustedInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<NginxServer> servers = observations.of(NginxServer.class);
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.CSRF_TRUSTED_ORIGINS)) {
      List<String> entries = InEffect.list(r.value());
      for (String entry : entries) {
        if (!entry.contains("://") && r.setting().framework().equals("django")) {
          out.addAll(InEffect.withSource(ctx, r, "the entry \"" + entry + "\" has no scheme: since Django 4.0 entries are compared "
              + "with the whole origin (https://" + entry + "), so it trusts nothing; gunicorn does not run the system check that says so"));
          break;
        }
      }
      Set<String> listed = new LinkedHashSet<>();
      for (String e : entries) {
        String o = InEffect.origin(e.replace("://*.", "://wildcard."));
        if (o != null) listed.add(o);
      }
      for (NginxServer s : servers) {
        Set<String> origins = InEffect.origins(s);
        if (origins.isEmpty() || origins.stream().anyMatch(listed::contains)) continue;
        for (String o : listed) {
          String host = host(o);
          if (host == null || InEffect.hosts(s).stream().noneMatch(h -> h.equals(host))) continue;
          String served = String.join(", ", origins);
          List<Evidence> e = InEffect.withSource(ctx, r, "trusts " + o + " but the public site is " + served
              + ": the browser sends Origin: " + origins.iterator().next() + ", which matches no entry");
          out.addAll(e);
          out.add(InEffect.related(ctx, s, e.get(0)));
          break;
        }
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  private static @org.jspecify.annotations.Nullable String host(String origin) {
    int start = origin.indexOf("://");
    if (start < 0) return null;
    String rest = origin.substring(start + 3);
    int colon = rest.indexOf(':');
    return (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
  }
}
