package authdoctor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.CookieJar;
import authdoctor.cookie.ParsedCookie;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetCookieParser;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Jazzer targets for the Set-Cookie parser and the jar: they must never throw on untrusted input and
 * must keep the parser's invariants. In a normal test run only the seeds under {@code
 * src/test/resources/authdoctor/fuzz/SetCookieFuzzTestInputs/} run (regression mode); fuzz with {@code
 * JAZZER_FUZZ=1 mvn test -Dtest=SetCookieFuzzTest}. Crashing inputs Jazzer finds go into that
 * directory as regression files.
 */
class SetCookieFuzzTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final List<URI> URLS =
      List.of(
          URI.create("https://app.example.com/a/b"),
          URI.create("http://localhost:8080/"),
          URI.create("http://192.168.0.1/x"),
          URI.create("https://me.github.io/"));

  @FuzzTest(maxDuration = "30s")
  void parserKeepsItsInvariants(FuzzedDataProvider data) {
    String line = data.consumeRemainingAsString();
    ParsedCookie c = SetCookieParser.parse(line);
    assertThat(SetCookieParser.parse(line)).hasToString(c.toString()); // deterministic
    if (!c.valid()) return;
    assertThat(c.name().isEmpty() && c.value().isEmpty()).isFalse();
    assertThat(c.name()).doesNotContain(";", "=");
    assertThat(c.value()).doesNotContain(";");
    for (String s : List.of(c.name(), c.value())) {
      for (char ch : s.toCharArray()) assertThat(ch < 0x20 || ch == 0x7f).isFalse();
      if (!s.isEmpty()) {
        assertThat(s.charAt(0)).isNotIn(' ', '\t');
        assertThat(s.charAt(s.length() - 1)).isNotIn(' ', '\t');
      }
    }
    int bytes =
        c.name().getBytes(StandardCharsets.UTF_8).length
            + c.value().getBytes(StandardCharsets.UTF_8).length;
    if (!hasLoneSurrogate(c.name() + c.value())) assertThat(bytes).isLessThanOrEqualTo(4096);
    // toString depends on the value only through its length: it never prints the value.
    ParsedCookie masked =
        new ParsedCookie(
            c.name(), "x".repeat(c.value().length()), c.path(), c.domain(), c.expires(), c.maxAge(),
            c.secure(), c.httpOnly(), c.partitioned(), c.sameSite(), c.priority(), c.exclusions(),
            c.warnings(), c.problems());
    assertThat(c.toString()).isEqualTo(masked.toString());
  }

  @FuzzTest(maxDuration = "30s")
  void jarNeverThrowsAndStoredCookiesAreListed(FuzzedDataProvider data) {
    URI url = URLS.get(data.consumeInt(0, URLS.size() - 1));
    boolean script = data.consumeBoolean();
    String line = data.consumeRemainingAsString();
    CookieJar jar = new CookieJar(CLOCK);
    SetResult r =
        script
            ? jar.setDocumentCookie(url, line)
            : jar.receive(url, line, RequestContext.typed());
    if (r.stored()) {
      StoredCookie c = r.cookie();
      assertThat(jar.cookies()).contains(c);
      assertThat(r.exclusions()).isEmpty();
    } else if (r.deleted() == null) {
      assertThat(r.exclusions()).isNotEmpty();
    }
    jar.send(url, RequestContext.typed());
    jar.documentCookie(url);
  }

  @FuzzTest(maxDuration = "30s")
  void jarNeverThrowsOnOddUrls(FuzzedDataProvider data) {
    URI url;
    URI from;
    try {
      url = new URI(data.consumeString(200));
      from = new URI(data.consumeString(100));
    } catch (java.net.URISyntaxException e) {
      return; // not a URI: the collectors never hand one to the model
    }
    String line = data.consumeRemainingAsString();
    CookieJar jar = new CookieJar(CLOCK);
    for (RequestContext ctx :
        List.of(
            RequestContext.typed(),
            RequestContext.navigation("POST", from),
            RequestContext.subresource("GET", from),
            RequestContext.iframe(from))) {
      jar.receive(url, line, ctx);
      jar.send(url, ctx);
    }
    jar.setDocumentCookie(url, from, line);
    jar.documentCookie(url, from);
    jar.cookies();
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
        else return true;
      } else if (Character.isLowSurrogate(ch)) {
        return true;
      }
    }
    return false;
  }
}
