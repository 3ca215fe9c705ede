package authdoctor.collect.har;

import authdoctor.observation.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a redirect's headers as the file lists them are all it had on the wire. Chromium records a
 * response's {@code _transferSize} (the bytes received); for a redirect it reads no body, so those are the
 * bytes of the header block alone. No encoding makes a header block larger than a bound of its listed headers
 * (HTTP/2: RFC 7541 §6.2 literals, a static-table name costs at most two bytes, a value at most its length
 * plus its length prefix, §5.2; HTTP/1.1: RFC 9112 §4-5 text), so more bytes than that bound prove the file
 * leaves headers out (a sanitized export drops {@code Set-Cookie}); at most that bound, none that is longer than
 * the bound's slack was left out.
 */
final class HeaderBytes {
  /** What the measurement says. */
  enum Fit {
    /** More bytes on the wire than the listed headers can take: the export left headers out. */
    LEFT_OUT,
    /** The listed headers account for the bytes on the wire. */
    WHOLE,
    /** Not measurable: no {@code _transferSize}, not a redirect, from a cache, an unknown protocol. */
    UNKNOWN
  }

  /** The names of the HPACK static table (RFC 7541 Appendix A). */
  private static final Set<String> STATIC = Set.of(":authority", ":method", ":path", ":scheme", ":status",
      "accept-charset", "accept-encoding", "accept-language", "accept-ranges", "accept", "access-control-allow-origin",
      "age", "allow", "authorization", "cache-control", "content-disposition", "content-encoding", "content-language",
      "content-length", "content-location", "content-range", "content-type", "cookie", "date", "etag", "expect",
      "expires", "from", "host", "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since",
      "last-modified", "link", "location", "max-forwards", "proxy-authenticate", "proxy-authorization", "range",
      "referer", "refresh", "retry-after", "server", "set-cookie", "strict-transport-security", "transfer-encoding",
      "user-agent", "vary", "via", "www-authenticate");

  private HeaderBytes() {}

  static Fit of(HarEntry e) {
    if (e.transferSize() <= 0 || e.fromCache() != null || e.status() < 300 || e.status() >= 400) return Fit.UNKNOWN;
    String v = e.httpVersion() == null ? "" : e.httpVersion().strip().toLowerCase(Locale.ROOT);
    long bound;
    if (v.equals("h2") || v.equals("http/2") || v.equals("http/2.0")) {
      bound = 9 + 5; // the HEADERS frame's header, :status as an indexed name and a literal value
      for (HeaderField h : e.responseHeaders()) {
        String name = h.name().toLowerCase(Locale.ROOT);
        bound += (STATIC.contains(name) ? 2 : 3 + bytes(name)) + 3 + bytes(h.value());
      }
    } else if (v.startsWith("http/1.")) {
      // Status line (reason phrase of at most 40 bytes), each "name: value\r\n", the blank line, and a body the
      // browser may have read with the headers.
      bound = 9 + 4 + 40 + 2 + 2 + e.responseHeader("Content-Length").map(HeaderBytes::length).orElse(0L);
      if (e.responseHeader("Content-Length").isEmpty() && e.responseHeader("Transfer-Encoding").isPresent()) {
        return Fit.UNKNOWN;
      }
      for (HeaderField h : e.responseHeaders()) bound += bytes(h.name()) + 4 + bytes(h.value());
    } else {
      return Fit.UNKNOWN;
    }
    return e.transferSize() > bound ? Fit.LEFT_OUT : Fit.WHOLE;
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static long length(String s) {
    try {
      return Math.max(0, Long.parseLong(s.strip()));
    } catch (NumberFormatException ex) {
      return 0;
    }
  }
}
