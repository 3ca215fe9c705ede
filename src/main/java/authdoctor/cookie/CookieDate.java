package authdoctor.cookie;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cookie-date parser for the {@code Expires} attribute, as Chromium's {@code
 * cookie_util::ParseCookieExpirationTime} (RFC 6265bis §5.1.1 where Chromium is silent): tokens split on
 * the delimiters below; a month is any token starting with a month's three letters; the first {@code
 * h:m:s} token is the time; the first number of at most 2 characters is the day; the next of at most 5
 * the year (70-99 → 19xx, 0-69 → 20xx). A missing field or an impossible value (day 32, hour 24, 31
 * February) fails, and the attribute is then ignored.
 */
public final class CookieDate {
  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  private CookieDate() {}

  /** Chromium's {@code kDelimiters}: {@code \t !"#$%&'()*+,-./;<=>?@[\]^_`{|}~}. */
  static boolean isDelimiter(char c) {
    return c == '\t'
        || (c >= ' ' && c <= '/')
        || c == ';'
        || c == '<'
        || c == '='
        || c == '>'
        || c == '?'
        || c == '@'
        || (c >= '[' && c <= '`')
        || (c >= '{' && c <= '~');
  }

  /** The instant, or empty when the text is not a cookie-date (the attribute is then ignored). */
  public static Optional<Instant> parse(String text) {
    int day = -1;
    int month = -1;
    int year = -1;
    int hour = -1;
    int minute = -1;
    int second = -1;
    boolean foundDay = false;
    boolean foundMonth = false;
    boolean foundTime = false;
    boolean foundYear = false;
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && isDelimiter(text.charAt(i))) i++;
      if (i >= n) break;
      int start = i;
      boolean hasColon = false;
      while (i < n && !isDelimiter(text.charAt(i))) {
        if (text.charAt(i) == ':') hasColon = true;
        i++;
      }
      int tokenEnd = i;
      char first = text.charAt(start);
      boolean numerical = first >= '0' && first <= '9';
      if (!numerical) {
        if (!foundMonth && tokenEnd - start >= 3) {
          for (int m = 0; m < 12; m++) {
            if (SetCookieParser.asciiRegionMatches(text, start, MONTHS[m])) {
              month = m + 1;
              foundMonth = true;
              break;
            }
          }
        }
        // else: a time zone name or noise; Chromium ignores it.
      } else if (hasColon) {
        if (!foundTime) {
          int[] hms = scanTime(text, start, tokenEnd);
          if (hms != null) {
            hour = hms[0];
            minute = hms[1];
            second = hms[2];
            foundTime = true;
          }
        }
      } else {
        int len = tokenEnd - start;
        if (!foundDay && len <= 2) {
          day = atoi(text, start, tokenEnd);
          foundDay = true;
        } else if (!foundYear && len <= 5) {
          year = atoi(text, start, tokenEnd);
          foundYear = true;
        }
      }
    }
    if (!foundDay || !foundMonth || !foundTime || !foundYear) return Optional.empty();
    if (year >= 70 && year <= 99) year += 1900;
    else if (year >= 0 && year <= 69) year += 2000;
    // base::Time::Exploded::HasValidValues (second 60 is a leap second for Chromium, not for us: a
    // real date with :60 does not exist, LocalDateTime refuses it and so does the round trip check).
    if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return Optional.empty();
    // Chromium has no year range of its own (RFC 6265bis §5.1.1 step 5 fails years before 1601):
    // base::Time represents any of these years, so "1600" is a date in the past (the cookie is
    // expired) and "31841" a date far in the future (capped at 400 days when stored).
    try {
      return Optional.of(
          LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty(); // 31 February: Chromium's round-trip check fails too
    }
  }

  /** sscanf("%2u:%2u:%2u") on the token: three numbers of 1-2 digits separated by ':'. */
  private static int @Nullable [] scanTime(String s, int start, int end) {
    int[] out = new int[3];
    int i = start;
    for (int f = 0; f < 3; f++) {
      if (f > 0) {
        if (i >= end || s.charAt(i) != ':') return null;
        i++;
      }
      int digits = 0;
      int v = 0;
      while (i < end && digits < 2 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
        digits++;
      }
      if (digits == 0) return null;
      out[f] = v;
    }
    return out;
  }

  /** C atoi on a token that starts with a digit: the leading digits. */
  private static int atoi(String s, int start, int end) {
    int v = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') break;
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
