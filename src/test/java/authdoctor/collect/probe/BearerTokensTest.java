package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a login's answer keeps a token: its body, or a cookie it sets. */
class BearerTokensTest {
  /** A compact JWS: header {"alg":"HS256","typ":"JWT"}, payload {"sub":"alice"}, a made-up signature. */
  private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

  @Test
  void aCookieNamedForATokenHoldsOne() {
    BearerTokens.CookieToken t = BearerTokens.inCookies(List.of("sid=abc; Path=/", "access_token=opaque-0123456789; Path=/; Secure"));
    assertThat(t).isEqualTo(new BearerTokens.CookieToken("access_token", "opaque-0123456789", false));
  }

  @Test
  void aJwtValueIsATokenWhateverTheNameAndHttpOnlyIsKept() {
    BearerTokens.CookieToken t = BearerTokens.inCookies(List.of("auth=" + JWT + "; Path=/; HttpOnly"));
    assertThat(t).isEqualTo(new BearerTokens.CookieToken("auth", JWT, true));
  }

  @Test
  void csrfTokensAndSignedSessionsAreNoBearerTokens() {
    // A Flask session is eyJ… too, but its first part is the payload (no alg): a session, not a token.
    assertThat(BearerTokens.inCookies(List.of("csrf_token=0123456789abcdef", "XSRF-TOKEN=0123456789abcdef",
        "session=eyJ1c2VyIjoiYWxpY2UifQ.Z0tBfA.abcdefghijklmnopqrstuvwxyz0; HttpOnly"))).isNull();
    assertThat(BearerTokens.jwt(JWT)).isTrue();
    assertThat(BearerTokens.jwt("eyJub3QganNvbg.x.y")).isFalse();
  }

  @Test
  void aShortValueIsNoToken() {
    assertThat(BearerTokens.inCookies(List.of("token=deleted; Max-Age=0"))).isNull();
  }
}
