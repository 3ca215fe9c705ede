package authdoctor.collect.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming HAR reader: layouts, field order, bounds, and the one line for a bad file. */
class HarReaderTest {
  private static final String REQUEST = "\"request\": {\"method\": \"GET\", \"url\": \"https://app.example.com/\", \"headers\": []}";
  private static final String RESPONSE = "\"response\": {\"status\": 200, \"headers\": []}";

  private static List<HarEntry> read(String json) throws Exception {
    List<HarEntry> out = new ArrayList<>();
    HarReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out::add);
    return out;
  }

  private static String har(String... entries) {
    return "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"t\", \"version\": \"1\"}, \"entries\": ["
        + String.join(",", entries) + "]}}";
  }

  @Test
  void fieldsAreReadInAnyOrder() throws Exception {
    List<HarEntry> e = read(har("{" + RESPONSE + ", " + REQUEST + ", \"startedDateTime\": \"2026-11-26T10:00:00.123+01:00\"}"));
    assertThat(e).hasSize(1);
    assertThat(e.get(0).started()).isEqualTo(Instant.parse("2026-11-26T09:00:00.123Z"));
    assertThat(e.get(0).url()).isEqualTo("https://app.example.com/");
    assertThat(e.get(0).index()).isZero();
  }

  @Test
  void chromiumExtensionsAreReadAndTheInitiatorFallsBackToItsStack() throws Exception {
    List<HarEntry> e = read(har("{\"_initiator\": {\"type\": \"script\", \"stack\": {\"callFrames\": [], \"parent\": {\"callFrames\": "
        + "[{\"url\": \"https://app.example.com/app.js\", \"lineNumber\": 3}]}}}, \"_resourceType\": \"fetch\", \"_fromCache\": \"disk\", "
        + "\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", " + RESPONSE + "}"));
    assertThat(e.get(0).initiatorType()).isEqualTo("script");
    assertThat(e.get(0).initiatorUrl()).isEqualTo("https://app.example.com/app.js");
    assertThat(e.get(0).resourceType()).isEqualTo("fetch");
    assertThat(e.get(0).fromCache()).isEqualTo("disk");
  }

  @Test
  void firefoxJoinedSetCookieLinesAreSplitAndPseudoHeadersDropped() throws Exception {
    List<HarEntry> e = read(har("{\"startedDateTime\": \"2026-11-26T10:00:00Z\", \"request\": {\"method\": \"GET\", \"url\": "
        + "\"https://app.example.com/\", \"headers\": [{\"name\": \":authority\", \"value\": \"app.example.com\"}]}, "
        + "\"response\": {\"status\": 200, \"headers\": [{\"name\": \"set-cookie\", \"value\": \"a=1; Path=/\\nb=2; Secure\"}]}}"));
    assertThat(e.get(0).setCookieLines()).containsExactly("a=1; Path=/", "b=2; Secure");
    assertThat(e.get(0).requestHeaders()).isEmpty();
  }

  @Test
  void aFormPostedAsParamsIsRebuilt() throws Exception {
    List<HarEntry> e = read(har("{\"startedDateTime\": \"2026-11-26T10:00:00Z\", \"request\": {\"method\": \"POST\", \"url\": "
        + "\"https://app.example.com/login\", \"headers\": [], \"postData\": {\"mimeType\": \"application/x-www-form-urlencoded\", "
        + "\"params\": [{\"name\": \"user\", \"value\": \"a\"}, {\"name\": \"password\", \"value\": \"b\"}]}}, " + RESPONSE + "}"));
    assertThat(e.get(0).postData()).isEqualTo("user=a&password=b");
  }

  @Test
  void aLargeOrBinaryBodyIsSkippedUnread() throws Exception {
    String big = "x".repeat(HarReader.MAX_BODY + 1);
    List<HarEntry> e = read(har(
        "{\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", \"response\": {\"status\": 200, \"headers\": [], "
            + "\"content\": {\"mimeType\": \"text/html\", \"text\": \"" + big + "\"}}}",
        "{\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", \"response\": {\"status\": 200, \"headers\": [], "
            + "\"content\": {\"mimeType\": \"image/png\", \"encoding\": \"base64\", \"text\": \"iVBORw0KGgo=\"}}}",
        "{\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", \"response\": {\"status\": 200, \"headers\": [], "
            + "\"content\": {\"text\": \"<form>\", \"mimeType\": \"text/html\"}}}"));
    assertThat(e.get(0).body()).isEmpty();
    assertThat(e.get(1).body()).isEmpty();
    assertThat(e.get(2).body()).isEqualTo("<form>");
  }

  @Test
  void entriesAreHandedOnOneByOneFromAStream() throws Exception {
    // 20,000 entries from a stream that is never held whole: each is handed on as it is read.
    String entry = "{\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", " + RESPONSE + "}";
    List<InputStream> parts = new ArrayList<>();
    parts.add(bytes("{\"log\": {\"entries\": [" + entry));
    for (int i = 1; i < 20_000; i++) parts.add(bytes("," + entry));
    parts.add(bytes("]}}"));
    int[] seen = {0};
    HarReader.Log log = HarReader.read(new SequenceInputStream(Collections.enumeration(parts)), x -> {
      assertThat(x.index()).isEqualTo(seen[0]);
      seen[0]++;
    });
    assertThat(log.entries()).isEqualTo(20_000);
  }

  @Test
  void aMissingRequiredFieldNamesTheEntryAndTheField() {
    assertThatThrownBy(() -> read(har("{\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", \"response\": {\"headers\": []}}")))
        .isInstanceOf(HarFormatException.class).hasMessage("log.entries[0].response.status: missing (HAR 1.2 requires it)");
    assertThatThrownBy(() -> read(har("{\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", \"response\": "
        + "{\"status\": 200, \"headers\": [{\"value\": \"x\"}]}}")))
        .isInstanceOf(HarFormatException.class).hasMessage("log.entries[0].response.headers[0].name: missing (HAR 1.2 requires it)");
    assertThatThrownBy(() -> read(har("{\"startedDateTime\": \"2026-11-26T10:00:00Z\", " + REQUEST + ", \"response\": "
        + "{\"status\": \"200\", \"headers\": []}}")))
        .isInstanceOf(HarFormatException.class).hasMessage("log.entries[0].response.status: not a number");
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
