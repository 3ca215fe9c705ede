package authdoctor.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Raw response headers read from stdin (e.g. {@code curl -si URL | authdoctor cookie -}): every
 * {@code Set-Cookie:} line in order, and the last {@code Date:}. Line length, the number of {@code
 * Set-Cookie} lines and the total size are bounded: past a bound, one line and exit 2.
 */
record StdinHeaders(List<String> setCookie, @Nullable Instant date) {
  private static final long MAX_TOTAL = 16L << 20;
  /**
   * The most {@code Set-Cookie} lines read: Chromium keeps at most 180 cookies per domain and 3,300 in all
   * ({@code CookieMonster::kDomainMaxCookies}, {@code kMaxCookies}), so one response's headers are far
   * below it, while explaining every line of an unbounded stream would take minutes and gigabytes.
   */
  static final int MAX_SET_COOKIE = 1000;

  static StdinHeaders read(InputStream in, int maxLine) {
    List<String> cookies = new ArrayList<>();
    Instant date = null;
    int lineNo = 0;
    long total = 0;
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      boolean more = true;
      while (more) {
        b = in.read();
        more = b >= 0;
        total++;
        if (total > MAX_TOTAL) throw new UsageError("stdin: more than 16 MiB of headers; pipe only the response headers (curl -si … | head -c 1M)");
        if (more && b != '\n') {
          if (line.size() >= maxLine) throw new UsageError("stdin line " + (lineNo + 1) + ": longer than 64 kB; browsers refuse such headers, and this is not a header dump");
          line.write(b);
          continue;
        }
        lineNo++;
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        line.reset();
        int colon = text.indexOf(':');
        if (colon <= 0) continue;
        String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        if (name.equals("set-cookie")) {
          if (cookies.size() == MAX_SET_COOKIE) {
            throw new UsageError("stdin line " + lineNo + ": more than " + MAX_SET_COOKIE + " Set-Cookie lines; a browser "
                + "keeps at most 180 cookies per domain: pipe the headers of one response");
          }
          cookies.add(utf8(value));
        }
        else if (name.equals("date")) date = httpDate(value);
      }
    } catch (IOException e) {
      throw new UsageError("stdin: " + e.getMessage());
    }
    if (cookies.isEmpty()) {
      throw new UsageError("stdin has no 'Set-Cookie:' line; pipe raw response headers, e.g. curl -si URL | authdoctor cookie - --url URL");
    }
    return new StdinHeaders(cookies, date);
  }

  /** Header bytes arrive as Latin-1 octets; cookies are UTF-8 in practice (as browsers decode them). */
  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static @Nullable Instant httpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null; // a Date the browser cannot read is ignored, as Chromium does
    }
  }
}
