package authdoctor.cookie;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hosts, sites and registrable domains as Chromium's cookie code sees them: the public suffix list
 * with private registries (Guava {@link InternetDomainName}; {@code github.io} is a public suffix), the
 * PSL's implicit {@code *} rule for unknown TLDs ({@code web-platform.test} is registrable), IP
 * addresses and {@code localhost} (no registrable domain), schemeful sites ({@code http} and {@code
 * https} of one registrable domain are different sites; {@code ws} is {@code http}).
 *
 * <p>One instance per jar: it caches registrable domains (bounded), so it is not shared between threads.
 */
final class Sites {
  private static final int CACHE_LIMIT = 4096;
  private final Map<String, String> registrable = new HashMap<>();

  /** The cookie-relevant host of a URL: lowercase, IDNA A-labels, IPv6 in brackets; "" if none. */
  static String host(URI uri) {
    String h = uri.getHost();
    if (h == null) {
      // java.net.URI has no host for authorities it cannot parse as a server (e.g. "a_b.example"),
      // which browsers accept: take the authority without user info and port.
      String auth = uri.getRawAuthority();
      if (auth == null) return "";
      int at = auth.lastIndexOf('@');
      if (at >= 0) auth = auth.substring(at + 1);
      if (auth.startsWith("[")) {
        int close = auth.indexOf(']');
        h = close > 0 ? auth.substring(0, close + 1) : auth;
      } else {
        int colon = auth.indexOf(':');
        h = colon >= 0 ? auth.substring(0, colon) : auth;
      }
    }
    return canonicalHost(h);
  }

  /** Lowercases and converts to A-labels; returns "" when the name cannot be a host. */
  static String canonicalHost(String h) {
    if (isAscii(h)) return h.toLowerCase(Locale.ROOT);
    try {
      return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
    return true;
  }

  static String scheme(URI uri) {
    String s = uri.getScheme();
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  /** Chromium's default cookieable schemes. */
  static boolean isCookieableScheme(String scheme) {
    return scheme.equals("http")
        || scheme.equals("https")
        || scheme.equals("ws")
        || scheme.equals("wss");
  }

  static boolean isCryptographic(String scheme) {
    return scheme.equals("https") || scheme.equals("wss");
  }

  /** localhost, *.localhost, 127.0.0.0/8 and ::1: potentially trustworthy, so Secure cookies work. */
  static boolean isLocalhost(String host) {
    // net::IsLocalhost: "localhost" and its subdomains, with or without the root dot.
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.equals("localhost") || h.endsWith(".localhost")) return true;
    if (host.equals("[::1]") || host.equals("::1")) return true;
    return h.startsWith("127.") && isIpv4(h);
  }

  /** A secure context for cookies: https/wss, or a trustworthy http URL (localhost). */
  static boolean isSecure(URI uri) {
    return isCryptographic(scheme(uri)) || isLocalhost(host(uri));
  }

  static boolean isIpAddress(String host) {
    return host.startsWith("[") || isIpv4(host);
  }

  static boolean isIpv4(String host) {
    int parts = 0;
    int digits = 0;
    int value = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        if (digits == 0) return false;
        parts++;
        digits = 0;
        value = 0;
      } else if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) return false;
      } else {
        return false;
      }
    }
    return digits > 0 && parts == 3;
  }

  /**
   * The registrable domain (eTLD+1) of a host with private registries, "" when there is none (IP
   * address, single label, or the host is itself a public suffix). A leading dot is ignored; a
   * trailing dot is kept, as Chromium's {@code GetDomainAndRegistry} does.
   */
  String registrableDomain(String host) {
    String h = host.startsWith(".") ? host.substring(1) : host;
    String cached = registrable.get(h);
    if (cached != null) return cached;
    String result = computeRegistrable(h);
    if (registrable.size() >= CACHE_LIMIT) registrable.clear();
    registrable.put(h, result);
    return result;
  }

  private static String computeRegistrable(String host) {
    if (host.isEmpty() || isIpAddress(host)) return "";
    boolean trailingDot = host.endsWith(".");
    String h = trailingDot ? host.substring(0, host.length() - 1) : host;
    if (h.isEmpty() || h.endsWith(".")) return "";
    String result;
    try {
      InternetDomainName name = InternetDomainName.from(h);
      if (name.isPublicSuffix()) {
        result = "";
      } else if (name.isUnderPublicSuffix()) {
        result = name.topPrivateDomain().toString();
      } else {
        result = lastTwoLabels(h);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      result = lastTwoLabels(h);
    }
    return result.isEmpty() || !trailingDot ? result : result + ".";
  }

  /** The PSL's implicit "*" rule: for an unknown TLD the last label is the public suffix. */
  private static String lastTwoLabels(String h) {
    int last = h.lastIndexOf('.');
    if (last <= 0) return "";
    int prev = h.lastIndexOf('.', last - 1);
    return prev < 0 ? h : h.substring(prev + 1);
  }

  /** True when the name (no leading dot) is on the public suffix list, or a single label. */
  boolean isPublicSuffix(String domain) {
    String d = domain.startsWith(".") ? domain.substring(1) : domain;
    if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
    if (d.isEmpty() || isIpAddress(d)) return false;
    if (d.indexOf('.') < 0) return true;
    try {
      return InternetDomainName.from(d).isPublicSuffix();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The site key used to compare sites: registrable domain, else the host itself. */
  String siteHost(String host) {
    String r = registrableDomain(host);
    return r.isEmpty() ? host : r;
  }

  /** http/ws → http, https/wss → https: the scheme part of a schemeful site. */
  static String siteScheme(String scheme) {
    return switch (scheme) {
      case "ws" -> "http";
      case "wss" -> "https";
      default -> scheme;
    };
  }

  /** The schemeful site of a URL, e.g. {@code https://example.co.uk}. */
  String site(URI uri) {
    return siteScheme(scheme(uri)) + "://" + siteHost(host(uri));
  }

  /** Same site, schemefully (Chromium's default since 91) or not. */
  boolean sameSite(@Nullable URI a, URI b, boolean schemeful) {
    if (a == null) return true;
    if (schemeful && !siteScheme(scheme(a)).equals(siteScheme(scheme(b)))) return false;
    return siteHost(host(a)).equals(siteHost(host(b)));
  }
}
