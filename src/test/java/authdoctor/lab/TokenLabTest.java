package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bearer APIs of the lab's OIDC provider: a client-credentials token from the provider's token endpoint,
 * then the API through nginx. A refused token answers 401 with {@code WWW-Authenticate: Bearer
 * error="invalid_token"} and the API's own reason; the healthy twin answers the user.
 */
class TokenLabTest {
  static LabBrowser.Response callApi(LabBrowser b, LabDeployment lab) {
    LabBrowser.Response token = b.login();
    assertThat(token.status()).as("the provider's token endpoint").isEqualTo(200);
    String bearer = "Bearer " + b.token().orElseThrow();
    return b.send("GET", lab.dashboard(), RequestContext.typed(), null, null, Map.of("Authorization", bearer));
  }

  static void refused(LabDeployment lab, String reason) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response api = callApi(b, lab);
      assertThat(api.status()).isEqualTo(401);
      assertThat(api.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
          .startsWith("Bearer ").contains("error=\"invalid_token\"").contains(reason));
    }
  }

  static Duration dateSkew(LabBrowser.Response r) {
    Instant date = ZonedDateTime.parse(r.header("Date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    return Duration.between(Instant.now(), date);
  }

  @Test
  @LabCase("flask-jwt-healthy")
  void healthyApiAcceptsTheProvidersToken(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response api = callApi(b, lab);
      assertThat(b.showsUser(api)).as(api.status() + " " + api.body()).isTrue();
      assertThat(dateSkew(api).abs()).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  @LabCase("flask-jwt-expired")
  void tokensArriveExpired(LabDeployment lab) {
    refused(lab, "token expired");
  }

  @Test
  @LabCase("flask-jwt-not-yet-valid")
  void slowApiClockRefusesFreshTokens(LabDeployment lab) {
    refused(lab, "not yet valid");
  }

  @Test
  @LabCase("flask-jwt-issuer-mismatch")
  void apiExpectsAnotherIssuer(LabDeployment lab) {
    refused(lab, "issuer not accepted");
  }

  @Test
  @LabCase("flask-jwt-audience-mismatch")
  void apiExpectsAnotherAudience(LabDeployment lab) {
    refused(lab, "audience not accepted");
  }

  @Test
  @LabCase("flask-jwt-unknown-kid")
  void staleJwksLacksTheKid(LabDeployment lab) {
    refused(lab, "no key with kid lab");
  }

  @Test
  @LabCase("flask-jwt-signature-invalid")
  void pinnedKeyDoesNotVerify(LabDeployment lab) {
    refused(lab, "signature verification failed");
  }

  @Test
  @LabCase("flask-jwt-alg-mismatch")
  void apiAcceptsAnotherAlgorithm(LabDeployment lab) {
    refused(lab, "alg RS256 not accepted");
  }

  @Test
  @LabCase("flask-jwt-missing-claim")
  void tokenWithoutSubIsRefused(LabDeployment lab) {
    refused(lab, "required claim sub missing");
  }

  @Test
  @LabCase("flask-jwt-clock-drift")
  void fastApiClockShowsInItsDateAndExpiresTokens(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response api = callApi(b, lab);
      assertThat(api.status()).isEqualTo(401);
      assertThat(api.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("token expired"));
      assertThat(dateSkew(api)).isGreaterThan(Duration.ofMinutes(14));
    }
  }

  @Test
  @LabCase("spring-jwt-healthy")
  void springResourceServerAcceptsTheProvidersToken(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response api = callApi(b, lab);
      assertThat(b.showsUser(api)).as(api.status() + " " + api.body()).isTrue();
    }
  }

  @Test
  @LabCase("spring-jwt-audience-mismatch")
  void springResourceServerExpectsAnotherAudience(LabDeployment lab) {
    refused(lab, "The aud claim is not valid");
  }
}
