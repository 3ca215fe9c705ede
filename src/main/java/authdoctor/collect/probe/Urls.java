package authdoctor.collect.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** URL and form helpers of the probe: resolving flags, moving a path onto another base, form bodies. */
final class Urls {
  private Urls() {}

  /** Whether a URL is an http or https URL (a redirect may name {@code file:} or {@code javascript:}). */
  static boolean isHttp(URI u) {
    return "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
  }

  /**
   * A form's {@code action} resolved against its page as the browser's URL parser reads it (WHATWG URL §4.4
   * "basic URL parser": leading and trailing C0 controls and spaces are stripped, tabs and newlines removed,
   * other controls, spaces and non-ASCII percent-encoded; a backslash is a slash in http(s) URLs). Empty when
   * it still does not parse: the browser then does not submit the form (HTML "form submission algorithm",
   * "if parsed action is failure, return"). An empty action is the page itself.
   */
  static java.util.Optional<URI> formAction(URI page, String action) {
    int from = 0, to = action.length();
    while (from < to && action.charAt(from) <= 0x20) from++;
    while (to > from && action.charAt(to - 1) <= 0x20) to--;
    StringBuilder sb = new StringBuilder();
    action.substring(from, to).codePoints().forEach(c -> {
      if (c == '\t' || c == '\n' || c == '\r') return;
      if (c == '\\') sb.append('/');
      else if (c <= 0x20 || c >= 0x7f || "\"<>`{}|^[]".indexOf(c) >= 0) {
        for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) sb.append('%').append(String.format("%02X", b & 0xff));
      } else sb.appendCodePoint(c);
    });
    if (sb.isEmpty()) return java.util.Optional.of(page);
    try {
      return java.util.Optional.of(page.resolve(new URI(sb.toString())));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /** {@code pathOrUrl} against {@code base}: an absolute http(s) URL stays as it is. */
  static URI resolve(URI base, String pathOrUrl) {
    String p = pathOrUrl.strip();
    URI u = base.resolve(p.startsWith("http://") || p.startsWith("https://") || p.startsWith("/") ? p : "/" + p);
    return u.getRawPath() == null || u.getRawPath().isEmpty() ? u.resolve("/") : u;
  }

  /** The path and query of {@code target} on another base ({@code --direct}, {@code --instance}). */
  static URI onto(URI base, URI target) {
    String pq = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + pq);
  }

  /** Whether two URLs have the same path, ignoring trailing slashes. */
  static boolean samePath(URI a, URI b) {
    String pa = a.getRawPath() == null || a.getRawPath().isEmpty() ? "/" : a.getRawPath();
    String pb = b.getRawPath() == null || b.getRawPath().isEmpty() ? "/" : b.getRawPath();
    return pa.replaceAll("/+$", "").equals(pb.replaceAll("/+$", ""));
  }

  /** The path of a URL for a report line (the whole URL when it has none). */
  static String pathOf(URI u) {
    return u.getRawPath() == null ? u.toString() : u.getRawPath();
  }

  /** The {@code redirect_uri} query parameter of an authorization request, or null. */
  static @Nullable URI redirectUri(URI u) {
    String q = u.getRawQuery();
    if (q == null) return null;
    for (String p : q.split("&")) {
      if (p.startsWith("redirect_uri=")) {
        try {
          return new URI(URLDecoder.decode(p.substring(13), StandardCharsets.UTF_8));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** An {@code application/x-www-form-urlencoded} body. */
  static byte[] form(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> {
      if (!sb.isEmpty()) sb.append('&');
      sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code s} as the inside of a JSON string. */
  static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
