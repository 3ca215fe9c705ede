package authdoctor.collect.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.BearerRefusal;
import authdoctor.observation.BearerRefusal.Reason;
import java.net.URI;
import org.junit.jupiter.api.Test;

class BearerChallengesTest {
  static final URI API = URI.create("https://api.example.test/me");

  @Test
  void quotedParamsAreReadWithEscapes() {
    BearerRefusal r = BearerChallenges.refusal(3, API, 401,
        "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The \\\"aud\\\" claim is not valid\"").orElseThrow();
    assertThat(r.error()).isEqualTo("invalid_token");
    assertThat(r.description()).isEqualTo("The \"aud\" claim is not valid");
    assertThat(r.reason()).isEqualTo(Reason.AUDIENCE);
    assertThat(r.step()).isEqualTo(3);
  }

  @Test
  void tokenParamsWithoutQuotesAreRead() {
    assertThat(BearerChallenges.params(" error=invalid_token, scope=\"a b\"")).containsEntry("error", "invalid_token")
        .containsEntry("scope", "a b");
  }

  @Test
  void onlyBearerChallengesOn401Or403AreRefusals() {
    assertThat(BearerChallenges.refusal(1, API, 401, "Basic realm=\"x\"")).isEmpty();
    assertThat(BearerChallenges.refusal(1, API, 200, "Bearer error=\"invalid_token\"")).isEmpty();
    assertThat(BearerChallenges.refusal(1, API, 401, null)).isEmpty();
    assertThat(BearerChallenges.refusal(1, API, 403, "bearer error=\"insufficient_scope\"")).hasValueSatisfying(
        r -> assertThat(r.reason()).isEqualTo(Reason.OTHER));
  }

  @Test
  void springSecurityDescriptionsAreClassified() {
    assertThat(BearerChallenges.reason("An error occurred while attempting to decode the Jwt: Jwt expired at 2026-11-26T10:00:00Z"))
        .isEqualTo(Reason.EXPIRED);
    assertThat(BearerChallenges.reason("An error occurred while attempting to decode the Jwt: Jwt used before 2026-11-26T10:00:00Z"))
        .isEqualTo(Reason.NOT_YET_VALID);
    assertThat(BearerChallenges.reason("An error occurred while attempting to decode the Jwt: The iss claim is not valid"))
        .isEqualTo(Reason.ISSUER);
    assertThat(BearerChallenges.reason("An error occurred while attempting to decode the Jwt: The aud claim is not valid"))
        .isEqualTo(Reason.AUDIENCE);
    assertThat(BearerChallenges.reason("An error occurred while attempting to decode the Jwt: Signed JWT rejected: "
        + "Another algorithm expected, or no matching key(s) found")).isEqualTo(Reason.OTHER);
    assertThat(BearerChallenges.reason("Signed JWT rejected: Invalid signature")).isEqualTo(Reason.SIGNATURE);
  }

  @Test
  void pyJwtAndJoseDescriptionsAreClassified() {
    assertThat(BearerChallenges.reason("Signature has expired")).isEqualTo(Reason.EXPIRED);
    assertThat(BearerChallenges.reason("The token is not yet valid (nbf)")).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(BearerChallenges.reason("Invalid audience")).isEqualTo(Reason.AUDIENCE);
    assertThat(BearerChallenges.reason("unexpected \"iss\" claim value")).isEqualTo(Reason.ISSUER);
    assertThat(BearerChallenges.reason("no key with kid lab")).isEqualTo(Reason.UNKNOWN_KID);
    assertThat(BearerChallenges.reason("The specified alg value is not allowed")).isEqualTo(Reason.ALGORITHM);
    assertThat(BearerChallenges.reason("required claim sub missing")).isEqualTo(Reason.MISSING_CLAIM);
    assertThat(BearerChallenges.reason("token issued in the future (iat)")).isEqualTo(Reason.NOT_YET_VALID);
  }

  @Test
  void wordsInsideOtherWordsDoNotCount() {
    assertThat(BearerChallenges.reason("totally invalid")).isEqualTo(Reason.OTHER);
    assertThat(BearerChallenges.reason("malformed token")).isEqualTo(Reason.OTHER);
    assertThat(BearerChallenges.reason(null)).isEqualTo(Reason.OTHER);
  }
}
