package authdoctor.testing;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code .http} fixture format: exchanges separated by blank lines; {@code > METHOD URL} then
 * {@code > Name: value} request headers; {@code < HTTP/1.1 200 OK} then {@code < Name: value} response
 * headers; {@code <| text} lines of the response body; {@code # expect: <id>} above an exchange says that finding points at that exchange's step.
 * Lines starting with {@code #} are otherwise comments.
 */
public record HttpTranscript(List<HttpExchange> exchanges, Set<String> expected) {

  /** Parses a transcript; expectations are {@code "<id> step <n>"}. */
  public static HttpTranscript parse(String text) {
    List<HttpExchange> out = new ArrayList<>();
    Set<String> expected = new LinkedHashSet<>();
    List<String> pendingExpect = new ArrayList<>();
    Builder b = null;
    for (String raw : (text + "\n\n").split("\n", -1)) {
      String line = raw.stripTrailing();
      if (line.startsWith("# expect:")) {
        pendingExpect.add(line.substring("# expect:".length()).strip());
      } else if (line.startsWith("#")) {
        continue;
      } else if (line.isBlank()) {
        if (b != null) out.add(b.build(out.size() + 1));
        b = null;
      } else if (line.startsWith("> ") && b == null) {
        b = new Builder(line.substring(2));
        for (String id : pendingExpect) expected.add(id + " step " + (out.size() + 1));
        pendingExpect.clear();
      } else if (line.startsWith("> ")) {
        b.request.add(header(line.substring(2)));
      } else if (line.startsWith("< HTTP/")) {
        b.status = Integer.parseInt(line.split(" ")[2]);
      } else if (line.startsWith("<| ")) {
        b.body.append(line.substring(3)).append('\n');
      } else if (line.startsWith("< ")) {
        b.response.add(header(line.substring(2)));
      } else {
        throw new IllegalArgumentException("transcript: cannot read line: " + line);
      }
    }
    return new HttpTranscript(out, expected);
  }

  private static HeaderField header(String line) {
    int c = line.indexOf(':');
    return new HeaderField(line.substring(0, c).strip(), line.substring(c + 1).strip());
  }

  private static final class Builder {
    final String method;
    final URI url;
    final List<HeaderField> request = new ArrayList<>();
    final List<HeaderField> response = new ArrayList<>();
    final StringBuilder body = new StringBuilder();
    int status;

    Builder(String requestLine) {
      String[] parts = requestLine.split(" ");
      method = parts[0];
      url = URI.create(parts[1]);
    }

    HttpExchange build(int step) {
      return new HttpExchange(
          step, "step " + step, method, url, request, status, "http/1.1", response, body.toString(), false, Duration.ZERO, null,
          status == 0 ? "no response" : null);
    }
  }
}
