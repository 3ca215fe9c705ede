package authdoctor.cli;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * What the token verifier expects — {@code --issuer}, {@code --audience}, {@code --jwks-url},
 * {@code --oidc-issuer}, {@code --leeway}, {@code --user-claim}, {@code --allow-no-exp} — shared by {@code jwt} and {@code probe}, so both read a
 * token the same way.
 */
public final class VerifierMixin {
  @Option(names = "--issuer", paramLabel = "ISS", description = "The issuer the verifier expects (exact string; default: the discovery document's).")
  @Nullable String issuer;

  @Option(names = "--audience", paramLabel = "AUD", description = "The audience the verifier expects.")
  @Nullable String audience;

  @Option(names = "--jwks-url", paramLabel = "URL", description = "The verifier's JWKS URL (default: the discovery document's).")
  @Nullable String jwksUrl;

  @Option(names = "--oidc-issuer", paramLabel = "URL", description = "An OIDC issuer: its discovery document (/.well-known/openid-configuration) gives the issuer and jwks_uri.")
  @Nullable String oidcIssuer;

  @Option(names = "--leeway", paramLabel = "DURATION", description = "Clock skew the verifier allows (default: ${DEFAULT-VALUE}; 60s is Spring's default, PyJWT's is 0).", defaultValue = "60s")
  String leeway = "60s";

  @Option(names = "--user-claim", paramLabel = "CLAIM", description = "The claim the verifier reads the user from and requires (sub, user_id, name…); without it no user claim is required.")
  @Nullable String userClaim;

  @Option(names = "--allow-no-exp", description = "The verifier accepts tokens without exp (by default a token without exp is reported).")
  boolean allowNoExp;

  @Nullable String issuer() {
    return issuer;
  }

  @Nullable String audience() {
    return audience;
  }

  @Nullable URI jwksUrl() {
    return jwksUrl == null ? null : Args.url("--jwks-url", jwksUrl);
  }

  @Nullable URI oidcIssuer() {
    return oidcIssuer == null ? null : Args.url("--oidc-issuer", oidcIssuer);
  }

  @Nullable String userClaim() {
    if (userClaim != null && userClaim.isBlank()) throw new UsageError("--user-claim: empty claim name");
    return userClaim;
  }

  boolean allowNoExp() {
    return allowNoExp;
  }

  Duration leeway() {
    return Args.duration("--leeway", leeway);
  }
}
