package authdoctor.cookie;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The pure matching rules of RFC 6265bis §5.1.3–5.1.4 and Chromium's {@code cookie_util}: domain-match,
 * default-path, path-match, prefixes, and the request path as Chromium's URL canonicalizer has it.
 */
final class CookieRules {
  private CookieRules() {}

  /**
   * Chromium {@code cookie_util::IsDomainMatch}: the host equals the cookie domain, or the cookie is a
   * domain cookie ({@code .example.com}) and the host is {@code example.com} or ends with it.
   */
  static boolean domainMatch(String cookieDomain, String host) {
    if (host.equals(cookieDomain)) return true;
    if (cookieDomain.isEmpty() || cookieDomain.charAt(0) != '.') return false;
    if (cookieDomain.regionMatches(1, host, 0, host.length())
        && cookieDomain.length() - 1 == host.length()) {
      return true;
    }
    return host.length() > cookieDomain.length() && host.endsWith(cookieDomain);
  }

  /**
   * §5.1.4 path-match (Chromium {@code IsOnPath}): the cookie path is a prefix of the request path and
   * either equal to it, ends with "/", or is followed by "/" in it. Case-sensitive, no decoding: {@code
   * /foo} matches {@code /foo/bar} but not {@code /foobar}.
   */
  static boolean pathMatch(String cookiePath, String requestPath) {
    if (cookiePath.isEmpty()) return false;
    if (!requestPath.startsWith(cookiePath)) return false;
    return cookiePath.length() == requestPath.length()
        || cookiePath.charAt(cookiePath.length() - 1) == '/'
        || requestPath.charAt(cookiePath.length()) == '/';
  }

  /**
   * The path of a URL as Chromium's canonicalizer has it: "/" when empty, dot segments removed,
   * non-ASCII percent-encoded as UTF-8; existing escapes are kept as written.
   */
  static String requestPath(URI uri) {
    String p = uri.getRawPath();
    if (p == null || p.isEmpty()) return "/";
    if (p.charAt(0) != '/') p = "/" + p;
    // Chromium 156 keeps escapes as written: a request to /f%6Fo does not path-match Path=/foo
    // (ChromiumDifferentialTest, http-state disabled-path0029).
    if (p.contains("/.")) p = removeDotSegments(p);
    if (!Sites.isAscii(p) || p.indexOf(' ') >= 0) p = percentEncode(p);
    return p;
  }

  /**
   * §5.1.4 default-path: the request path up to, not including, its last "/"; "/" when that leaves
   * nothing. {@code /cookies/resources/cookie.py} → {@code /cookies/resources}.
   */
  static String defaultPath(URI uri) {
    String p = requestPath(uri);
    int idx = p.lastIndexOf('/');
    if (idx <= 0) return "/";
    return p.substring(0, idx);
  }

  private static String removeDotSegments(String path) {
    String[] segs = path.split("/", -1);
    java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
    for (int i = 1; i < segs.length; i++) {
      String s = segs[i];
      boolean last = i == segs.length - 1;
      if (s.equals(".")) {
        if (last) out.addLast("");
      } else if (s.equals("..")) {
        if (!out.isEmpty()) out.removeLast();
        if (last) out.addLast("");
      } else {
        out.addLast(s);
      }
    }
    StringBuilder b = new StringBuilder();
    for (String s : out) b.append('/').append(s);
    return b.length() == 0 ? "/" : b.toString();
  }

  private static String percentEncode(String p) {
    StringBuilder b = new StringBuilder(p.length() + 16);
    byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
    for (byte x : bytes) {
      int v = x & 0xff;
      if (v >= 0x80 || v == ' ') {
        b.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(v & 0xf, 16)));
      } else {
        b.append((char) v);
      }
    }
    return b.toString();
  }

  /** {@code base::StartsWith(…, INSENSITIVE_ASCII)}: {@code __ſecure-} is not a prefix. */
  static boolean startsWithIgnoreCase(String s, String prefix) {
    return SetCookieParser.asciiRegionMatches(s, 0, SetCookieParser.asciiLower(prefix));
  }

  /**
   * Cookie prefixes (case-insensitive; RFC 6265bis §5.7 steps 20-22, Chromium {@code
   * IsCookiePrefixValid}): {@code __Secure-} needs Secure from a secure URL; {@code __Host-} also Path
   * "/" and no Domain; {@code __Http-} Secure and HttpOnly; {@code __Host-Http-} all of these. A
   * nameless cookie may not have a value that looks like {@code __Secure-}/{@code __Host-} prefixed.
   */
  static boolean prefixValid(ParsedCookie pc, boolean secureUrl, String host) {
    String name = pc.name();
    if (name.isEmpty()) {
      String v = pc.value();
      return !(startsWithIgnoreCase(v, "__Secure-") || startsWithIgnoreCase(v, "__Host-"));
    }
    if (!startsWithIgnoreCase(name, "__")) return true;
    boolean secureOk = pc.secure() && secureUrl;
    String domain = pc.domain();
    boolean hostOk =
        "/".equals(pc.path())
            && (domain == null
                || domain.isEmpty()
                || (Sites.isIpAddress(host) && host.equals(domain)));
    if (startsWithIgnoreCase(name, "__Host-Http-")) return secureOk && hostOk && pc.httpOnly();
    if (startsWithIgnoreCase(name, "__Host-")) return secureOk && hostOk;
    if (startsWithIgnoreCase(name, "__Http-")) return secureOk && pc.httpOnly();
    if (startsWithIgnoreCase(name, "__Secure-")) return secureOk;
    return true;
  }

  /** The one finding for a set of exclusions, by {@link CatalogIds#FINDING_ORDER}. */
  static @Nullable String pickFinding(List<ExclusionReason> exclusions, boolean publicSuffixDomain) {
    String best = null;
    int bestIndex = Integer.MAX_VALUE;
    for (ExclusionReason r : exclusions) {
      String id =
          r == ExclusionReason.EXCLUDE_INVALID_DOMAIN && publicSuffixDomain
              ? CatalogIds.DOMAIN_PUBLIC_SUFFIX
              : r.catalogId();
      if (id == null) continue;
      int i = CatalogIds.FINDING_ORDER.indexOf(id);
      if (i >= 0 && i < bestIndex) {
        bestIndex = i;
        best = id;
      }
    }
    return best;
  }
}
