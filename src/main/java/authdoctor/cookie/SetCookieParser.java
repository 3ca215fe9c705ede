package authdoctor.cookie;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses one {@code Set-Cookie} field value (or a {@code document.cookie} assignment) the way Chromium's
 * {@code ParsedCookie} does, step for step; RFC 6265bis §5.6 where Chromium is silent. Never throws on
 * untrusted input: a rejected line is a {@link ParsedCookie} with {@link ParsedCookie#exclusions()}.
 *
 * <p>Works on Java chars: a non-ASCII char is never a delimiter or control character, exactly as a
 * byte ≥ 0x80 is not one for Chromium; sizes are counted in UTF-8 bytes. No regular expressions: this
 * runs for every cookie of a HAR file.
 */
public final class SetCookieParser {
  /** RFC 6265bis §5.6 step 5 / Chromium kMaxCookieNamePlusValueSize. */
  public static final int MAX_NAME_VALUE_BYTES = 4096;

  /** RFC 6265bis §5.6 attribute step 6 / Chromium kMaxCookieAttributeValueSize. */
  public static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;

  private SetCookieParser() {}

  /** Parses one line; see the class comment. */
  public static ParsedCookie parse(String line) {
    List<ExclusionReason> exclusions = new ArrayList<>(1);
    List<WarningReason> warnings = new ArrayList<>(0);
    EnumSet<ParseProblem> problems = EnumSet.noneOf(ParseProblem.class);

    // Chromium FindFirstTerminator: the line ends at the first CR, LF or NUL. Since
    // BlockTruncatedCookies (on by default) a truncated line rejects the whole cookie; we still parse
    // the part before it so the report can name the cookie.
    int end = line.length();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        end = i;
        exclusions.add(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
        problems.add(ParseProblem.LINE_TERMINATOR);
        break;
      }
    }

    String name = "";
    String value = "";
    String path = null;
    String domain = null;
    String expires = null;
    String maxAge = null;
    String sameSiteRaw = null;
    String priorityRaw = null;
    boolean secure = false;
    boolean httpOnly = false;
    boolean partitioned = false;
    EnumSet<Attr> seen = EnumSet.noneOf(Attr.class);

    int it = 0;
    for (int pairNum = 0; it < end; pairNum++) {
      // ParseToken: skip leading whitespace; the token runs to ';' or '='; trailing WSP trimmed.
      int p = it;
      while (p < end && isWhitespace(line.charAt(p))) p++;
      int tokenStart;
      int tokenEnd;
      if (p == end) {
        if (pairNum != 0) break; // trailing whitespace after the last ';'
        tokenStart = p;
        tokenEnd = p;
        it = p;
      } else {
        tokenStart = p;
        while (p < end && line.charAt(p) != ';' && line.charAt(p) != '=') p++;
        it = p;
        tokenEnd = p;
        while (tokenEnd > tokenStart && isWhitespace(line.charAt(tokenEnd - 1))) tokenEnd--;
      }
      String pairName;
      if (it == end || line.charAt(it) != '=') {
        if (pairNum == 0) {
          // "foo" alone is a nameless cookie with value "foo" (Mozilla bug 169091, 6265bis §5.6 step 3).
          pairName = "";
          it = tokenStart;
        } else {
          pairName = line.substring(tokenStart, tokenEnd); // "Secure" etc.: a name without value
        }
      } else {
        pairName = line.substring(tokenStart, tokenEnd);
        it++; // skip '='
      }
      // ParseValue: skip whitespace, run to ';' ('=' allowed), trim trailing whitespace.
      while (it < end && isWhitespace(line.charAt(it))) it++;
      int valueStart = it;
      while (it < end && line.charAt(it) != ';') it++;
      int valueEnd = it;
      while (valueEnd > valueStart && isWhitespace(line.charAt(valueEnd - 1))) valueEnd--;
      String pairValue = line.substring(valueStart, valueEnd);
      if (it < end) it++; // skip ';'

      if (pairNum == 0) {
        // IsValidCookieNameValuePair, in Chromium's order: no content, size, then characters.
        name = pairName;
        value = pairValue;
        if (!exclusions.isEmpty()) break; // the line was truncated: already rejected
        if (name.isEmpty() && value.isEmpty()) {
          exclusions.add(ExclusionReason.EXCLUDE_NO_COOKIE_CONTENT);
          problems.add(ParseProblem.NO_CONTENT);
          break;
        }
        if (utf8Length(name) + utf8Length(value) > MAX_NAME_VALUE_BYTES) {
          exclusions.add(ExclusionReason.EXCLUDE_NAME_VALUE_PAIR_EXCEEDS_MAX_SIZE);
          problems.add(ParseProblem.NAME_VALUE_TOO_LARGE);
          break;
        }
        if (hasControl(name) || hasControl(value)) {
          // crbug.com/238041: a control character (HTAB too, unless trimmed) rejects the cookie.
          exclusions.add(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
          problems.add(ParseProblem.CONTROL_CHARACTER);
          break;
        }
        // "=a=b" would be sent as "a=b": the jar refuses it (EXCLUDE_AMBIGUOUS_SERIALIZATION).
        if (name.isEmpty() && value.indexOf('=') >= 0) problems.add(ParseProblem.AMBIGUOUS_SERIALIZATION);
        continue;
      }
      if (hasControl(pairName) || hasControl(pairValue)) {
        // A control character in an attribute name or value rejects the whole cookie too.
        if (exclusions.isEmpty()) exclusions.add(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
        problems.add(ParseProblem.CONTROL_CHARACTER);
        break;
      }
      if (utf8Length(pairValue) > MAX_ATTRIBUTE_VALUE_BYTES) {
        // §5.6: an attribute value over 1024 bytes is ignored (the earlier one, if any, stays).
        warnings.add(WarningReason.WARN_ATTRIBUTE_VALUE_EXCEEDS_MAX_SIZE);
        problems.add(ParseProblem.ATTRIBUTE_VALUE_TOO_LARGE);
        continue;
      }
      Attr attr = Attr.of(asciiLower(pairName));
      if (attr == null) {
        problems.add(ParseProblem.UNKNOWN_ATTRIBUTE);
        continue;
      }
      if (!seen.add(attr)) problems.add(ParseProblem.DUPLICATE_ATTRIBUTE);
      // Later attributes overwrite earlier ones (Chromium keeps the last index), incl. empty values.
      switch (attr) {
        case PATH -> path = pairValue;
        case DOMAIN -> domain = pairValue;
        case EXPIRES -> expires = pairValue;
        case MAX_AGE -> maxAge = pairValue;
        case SECURE -> secure = true;
        case HTTPONLY -> httpOnly = true;
        case SAMESITE -> sameSiteRaw = pairValue;
        case PRIORITY -> priorityRaw = pairValue;
        case PARTITIONED -> partitioned = true;
      }
    }

    if (exclusions.isEmpty() && name.isEmpty() && value.isEmpty()) {
      // The empty line: Chromium exits before the first pair.
      exclusions.add(ExclusionReason.EXCLUDE_NO_COOKIE_CONTENT);
      problems.add(ParseProblem.NO_CONTENT);
    }
    SameSite sameSite = SameSite.UNSPECIFIED;
    if (sameSiteRaw != null) {
      sameSite = parseSameSite(sameSiteRaw);
      if (sameSite == SameSite.UNSPECIFIED) problems.add(ParseProblem.INVALID_SAMESITE);
    }
    CookiePriority priority = CookiePriority.MEDIUM;
    if (priorityRaw != null) {
      if (asciiEqualsIgnoreCase(priorityRaw, "low")) priority = CookiePriority.LOW;
      else if (asciiEqualsIgnoreCase(priorityRaw, "high")) priority = CookiePriority.HIGH;
      else if (!asciiEqualsIgnoreCase(priorityRaw, "medium")) {
        problems.add(ParseProblem.INVALID_PRIORITY);
      }
    }
    if (maxAge != null && parseMaxAge(maxAge) == null) problems.add(ParseProblem.INVALID_MAX_AGE);
    if (expires != null && CookieDate.parse(expires).isEmpty()) {
      problems.add(ParseProblem.INVALID_EXPIRES);
    }
    if (path != null && (path.isEmpty() || path.charAt(0) != '/')) {
      problems.add(ParseProblem.PATH_NOT_ABSOLUTE);
    }
    return new ParsedCookie(
        name,
        value,
        path,
        domain,
        expires,
        maxAge,
        secure,
        httpOnly,
        partitioned,
        sameSite,
        priority,
        exclusions,
        warnings,
        List.copyOf(problems));
  }

  /** Chromium {@code StringToCookieSameSite}: none/lax/strict, ASCII case-insensitive. */
  static SameSite parseSameSite(String raw) {
    if (asciiEqualsIgnoreCase(raw, "none")) return SameSite.NONE;
    if (asciiEqualsIgnoreCase(raw, "lax")) return SameSite.LAX;
    if (asciiEqualsIgnoreCase(raw, "strict")) return SameSite.STRICT;
    return SameSite.UNSPECIFIED;
  }

  /**
   * Max-Age in seconds as Chromium reads it ({@code base::StringToInt64}: optional sign, then digits
   * only); an overflow met before any other character saturates (Chromium then uses the min/max time),
   * anything else that is not a whole number gives null (the attribute is ignored, Expires is used).
   */
  static @Nullable Long parseMaxAge(String raw) {
    int n = raw.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (raw.charAt(0) == '-' || raw.charAt(0) == '+')) {
      negative = raw.charAt(0) == '-';
      i = 1;
    }
    if (i >= n) return null;
    long v = 0;
    for (; i < n; i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') return null;
      int d = c - '0';
      if (v > (Long.MAX_VALUE - d) / 10) return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /**
   * Chromium {@code EqualsCaseInsensitiveASCII}. Java's {@code equalsIgnoreCase} folds Unicode too:
   * it would read {@code SameSite=ſtrict} (long s) as Strict, which Chromium does not.
   */
  static boolean asciiEqualsIgnoreCase(String s, String lowerAscii) {
    return s.length() == lowerAscii.length() && asciiRegionMatches(s, 0, lowerAscii);
  }

  /** Whether {@code s} has {@code lowerAscii} at {@code offset}, ASCII case-insensitively. */
  static boolean asciiRegionMatches(String s, int offset, String lowerAscii) {
    if (offset < 0 || offset + lowerAscii.length() > s.length()) return false;
    for (int i = 0; i < lowerAscii.length(); i++) {
      char c = s.charAt(offset + i);
      if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
      if (c != lowerAscii.charAt(i)) return false;
    }
    return true;
  }

  /** Chromium {@code base::ToLowerASCII}: only A-Z change (so the Kelvin sign never becomes 'k'). */
  static String asciiLower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] out = s.toCharArray();
        for (int j = i; j < out.length; j++) {
          if (out[j] >= 'A' && out[j] <= 'Z') out[j] = (char) (out[j] + ('a' - 'A'));
        }
        return new String(out);
      }
    }
    return s;
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Chromium {@code HttpUtil::IsControlChar}: 0x00-0x1F and 0x7F. HTAB counts too: it is only allowed
   * as whitespace around a name or value, which the parser trims (RFC 6265bis and WPT allow it inside;
   * Chromium's {@code EXCLUDE_DISALLOWED_CHARACTER} says "including the tab character, when it appears
   * in the middle").
   */
  static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
  }

  /** The number of bytes of {@code s} in UTF-8 (lone surrogates count as the 3 bytes of U+FFFD). */
  static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) {
        bytes += 1;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // 4 bytes for the pair of 2 chars
        i++;
      } else {
        bytes += 2;
      }
    }
    return bytes;
  }

  private enum Attr {
    PATH,
    DOMAIN,
    EXPIRES,
    MAX_AGE,
    SECURE,
    HTTPONLY,
    SAMESITE,
    PRIORITY,
    PARTITIONED;

    static @Nullable Attr of(String lower) {
      return switch (lower) {
        case "path" -> PATH;
        case "domain" -> DOMAIN;
        case "expires" -> EXPIRES;
        case "max-age" -> MAX_AGE;
        case "secure" -> SECURE;
        case "httponly" -> HTTPONLY;
        case "samesite" -> SAMESITE;
        case "priority" -> PRIORITY;
        case "partitioned" -> PARTITIONED;
        default -> null;
      };
    }
  }
}
