package authdoctor.collect.har;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HeaderField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire against the listed headers, with the sizes Chromium measured for an Express login
 * answered 303 over HTTP/2 (lab recordings): 133 bytes without a cookie, 241 with the {@code Set-Cookie} the
 * sanitized export left out.
 */
class HeaderBytesTest {
  private static final List<HeaderField> LOGIN_303 = List.of(new HeaderField("content-length", "108"),
      new HeaderField("content-type", "text/html; charset=utf-8"), new HeaderField("date", "Tue, 08 Dec 2026 03:39:38 GMT"),
      new HeaderField("location", "/dashboard"), new HeaderField("server", "nginx/1.22.1"),
      new HeaderField("strict-transport-security", "max-age=31536000"), new HeaderField("vary", "Accept"));

  static HarEntry entry(int status, List<HeaderField> headers, @Nullable String version, long transferSize,
      @Nullable String fromCache) {
    return new HarEntry(0, Instant.EPOCH, 0, "POST", "https://app.test/login", List.of(), List.of(), null, null, status,
        headers, "", "", "", null, null, "document", fromCache, null, version, transferSize);
  }

  @Test
  void aRedirectWhoseBytesItsListedHeadersAccountForIsWhole() {
    assertThat(HeaderBytes.of(entry(303, LOGIN_303, "h2", 133, null))).isEqualTo(HeaderBytes.Fit.WHOLE);
  }

  @Test
  void moreBytesThanTheListedHeadersCanTakeMeanHeadersWereLeftOut() {
    assertThat(HeaderBytes.of(entry(303, LOGIN_303, "h2", 241, null))).isEqualTo(HeaderBytes.Fit.LEFT_OUT);
  }

  @Test
  void theSameBytesWithTheCookieListedAreWhole() {
    List<HeaderField> full = new ArrayList<>(LOGIN_303);
    full.add(new HeaderField("set-cookie",
        "sid=s%3AoHIRoTkLjyBCiMEQDhutH-jDs1cZzl43.7mJCNDANU%2B%2B7NCb%2BP8t7C4jW%2FfbedVWNJU2VTTIaGUA; Path=/; HttpOnly"));
    assertThat(HeaderBytes.of(entry(303, full, "h2", 241, null))).isEqualTo(HeaderBytes.Fit.WHOLE);
  }

  @Test
  void http11CountsTheHeaderTextAndABodyReadWithIt() {
    // 7 headers: 173 bytes of names and values, 4 each for ": " and CRLF, a status line, 108 bytes of body.
    assertThat(HeaderBytes.of(entry(303, LOGIN_303, "HTTP/1.1", 173 + 28 + 40 + 108, null))).isEqualTo(HeaderBytes.Fit.WHOLE);
    assertThat(HeaderBytes.of(entry(303, LOGIN_303, "HTTP/1.1", 173 + 28 + 400 + 108, null))).isEqualTo(HeaderBytes.Fit.LEFT_OUT);
  }

  @Test
  void whatWasNotMeasuredIsUnknown() {
    assertThat(HeaderBytes.of(entry(303, LOGIN_303, "h2", -1, null))).as("no _transferSize").isEqualTo(HeaderBytes.Fit.UNKNOWN);
    assertThat(HeaderBytes.of(entry(200, LOGIN_303, "h2", 900, null))).as("a body counted in").isEqualTo(HeaderBytes.Fit.UNKNOWN);
    assertThat(HeaderBytes.of(entry(303, LOGIN_303, "h2", 900, "memory"))).as("from a cache").isEqualTo(HeaderBytes.Fit.UNKNOWN);
    assertThat(HeaderBytes.of(entry(303, LOGIN_303, null, 900, null))).as("no protocol").isEqualTo(HeaderBytes.Fit.UNKNOWN);
  }
}
