package authdoctor.check;

import authdoctor.checks.cors.CorsVaryOriginMissing;
import authdoctor.checks.cors.CorsWildcardWithCredentials;
import authdoctor.checks.http.HttpNoHttpsRedirect;
import authdoctor.checks.redirect.RedirectHttpsDowngrade;
import authdoctor.checks.redirect.RedirectWrongHost;
import authdoctor.checks.tls.TlsHstsMissing;
import java.util.List;

/** Every registered check, sorted by id. Add a check here; no classpath scanning. */
public final class Checks {
  private Checks() {}

  public static final List<Check> ALL =
      List.of(
          new CorsVaryOriginMissing(),
          new CorsWildcardWithCredentials(),
          new HttpNoHttpsRedirect(),
          new RedirectHttpsDowngrade(),
          new RedirectWrongHost(),
          new TlsHstsMissing());

  /** The spec of a check class, or an {@link IllegalStateException} for a class without one. */
  public static CheckSpec spec(Check check) {
    CheckSpec spec = check.getClass().getAnnotation(CheckSpec.class);
    if (spec == null) throw new IllegalStateException(check.getClass().getName() + " has no @CheckSpec");
    return spec;
  }
}
