package authdoctor.checks.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Signed-cookie sessions told from server-side ones by the value's shape. */
class SessionKindsTest {
  @ParameterizedTest(name = "{0}={1} → {2}")
  @CsvSource(delimiter = ',', value = {
      // A hub's login cookie: user|issued|HMAC-SHA256 hex
      "hub-hub-login, alice|1700000000|3f7a9c1e5b2d4f6a8c0e1b3d5f7a9c1e5b2d4f6a8c0e1b3d5f7a9c1e5b2d4f6a, SIGNED",
      // An opaque 32-hex id next to it
      "hub-session-id, 0123456789abcdef0123456789abcdef, SERVER_SIDE",
      "sessionid, abcdefghijklmnopqrstuvwxyz012345, SERVER_SIDE",
      "connect.sid, s%3AabcdefghijKLMNOP.Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE9dC8bA7zY6x, SERVER_SIDE",
      "session, eyJ1c2VyIjoiYWxpY2UifQ.ZxYwVu.abcdefghijklmnopqrstuvwxyz0, SIGNED",
      "JSESSIONID, 4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C, SERVER_SIDE",
  })
  void theValuesShapeDecides(String name, String value, SessionKinds.Kind kind) {
    assertThat(SessionKinds.kind(name, value)).isEqualTo(kind);
  }
}
