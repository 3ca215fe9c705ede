package authdoctor.differential;

import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.differential.DiffCase.Builder;
import authdoctor.differential.DiffCase.Kind;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The differential cases: a systematic grid over the cookie attributes (Secure, HttpOnly, SameSite,
 * Domain, Path, prefixes, Partitioned, expiry, deletion), the scheme of the response, how the
 * response and the requests are started, and the third-party cookie setting; plus seeded random
 * combinations. Hosts: the site {@code example.com} ({@code app.}, {@code www.}, the apex), the
 * cross-site {@code other.example.net} and {@code third.example.org}, the public suffix {@code co.uk},
 * {@code localhost} and {@code 127.0.0.1}. No {@code .dev}/{@code .app} host: Chromium's HSTS preload
 * list would upgrade them, which the model does not ship.
 */
final class CaseGenerator {
  static final String APP = "https://app.example.com/";
  static final String APP_HTTP = "http://app.example.com/";

  private CaseGenerator() {}

  /** Every grid case. */
  static List<DiffCase> grid() {
    List<DiffCase> out = new ArrayList<>();
    secure(out);
    httpOnly(out);
    sameSite(out);
    domain(out);
    path(out);
    pathCharacters(out);
    prefixes(out);
    partitioned(out);
    expiry(out);
    deletion(out);
    thirdParty(out);
    return out;
  }

  private static void secure(List<DiffCase> out) {
    for (String origin : List.of("https://app.example.com", "http://app.example.com", "http://localhost")) {
      for (String attr : List.of("; Secure", "")) {
        String host = origin.substring(origin.indexOf("//") + 2);
        out.add(
            new Builder("secure", origin.replace("://", "-") + (attr.isEmpty() ? "-plain" : "-secure"))
                .set(origin + "/login", "s=1; Path=/" + attr)
                .get("https://" + host + "/")
                .get("http://" + host + "/")
                .build());
      }
    }
    // http://*.dev is HSTS-preloaded: Chromium upgrades it to https before any cookie rule; the model
    // does not ship the preload list (allow-listed, so a Chromium change shows up as a stale entry).
    out.add(new Builder("secure", "hsts-preloaded-dev").set("http://myapp.dev/login", "s=1; Secure; Path=/").get("http://myapp.dev/").build());
    // Leave Secure cookies alone (RFC 6265bis §5.7 step 16): an insecure origin cannot shadow them.
    String[][] overwrites = {
      {"same-path", "Path=/", "Path=/"},
      {"deeper-path", "Path=/", "Path=/x"},
      {"shallower-path", "Path=/x", "Path=/"},
      {"parent-domain", "Path=/; Domain=example.com", "Path=/"},
      {"secure-again", "Path=/", "Path=/; Secure"},
    };
    for (String[] o : overwrites) {
      out.add(
          new Builder("secure", "overwrite-" + o[0])
              .set(APP, "s=1; Secure; " + o[1])
              .set(APP_HTTP, "s=2; " + o[2])
              .get(APP + "x/y")
              .get(APP_HTTP + "x/y")
              .build());
    }
  }

  private static void httpOnly(List<DiffCase> out) {
    for (String attr : List.of("; HttpOnly", "")) {
      out.add(
          new Builder("httponly", attr.isEmpty() ? "plain" : "httponly")
              .set(APP, "h=1; Secure; SameSite=None" + attr)
              .get(APP)
              .get(APP, Kind.CROSS_SITE_FETCH)
              .build());
    }
  }

  private static final List<String> SAMESITES = List.of("; SameSite=None", "; SameSite=Lax", "; SameSite=Strict", "");

  private static String label(String sameSite) {
    return sameSite.isEmpty() ? "unset" : sameSite.substring(sameSite.indexOf('=') + 1).toLowerCase();
  }

  private static void sameSite(List<DiffCase> out) {
    // Sending: one cookie per SameSite value, then every kind of request to it.
    for (String scheme : List.of("https", "http")) {
      for (String ss : SAMESITES) {
        String secure = scheme.equals("https") ? "; Secure" : "";
        Builder b = new Builder("samesite", "send-" + scheme + "-" + label(ss)).set(scheme + "://app.example.com/", "c=1; Path=/" + secure + ss);
        for (Kind k : Kind.values()) {
          if (k.possibleFor(scheme)) b.get(scheme + "://app.example.com/r-" + k.name().toLowerCase(), k);
        }
        out.add(b.build());
      }
    }
    out.add(new Builder("samesite", "none-without-secure").set(APP, "c=1; SameSite=None").get(APP).build());
    out.add(new Builder("samesite", "bogus-value").set(APP, "c=1; Secure; SameSite=Bogus").get(APP, Kind.CROSS_SITE_POST).get(APP, Kind.CROSS_SITE_FETCH).build());
    // Storing: the response answers a cross-site (or schemeful cross-site) request.
    for (String ss : SAMESITES) {
      for (Kind k : List.of(Kind.CROSS_SITE_FETCH, Kind.CROSS_SITE_IFRAME, Kind.CROSS_SITE_LINK, Kind.CROSS_SITE_POST, Kind.SAME_SITE_FETCH, Kind.SCHEMEFUL_FETCH, Kind.SCHEMEFUL_LINK)) {
        out.add(
            new Builder("samesite", "set-" + label(ss) + "-" + k.name().toLowerCase())
                .set(APP + "set", k, "c=1; Secure; Path=/" + ss)
                .get(APP)
                .build());
      }
    }
  }

  private static void domain(List<DiffCase> out) {
    List<String> domains =
        List.of("", "app.example.com", "example.com", ".example.com", "EXAMPLE.COM", "example.com.", "com", "other.example.net", "ample.com", "sub.app.example.com");
    for (String d : domains) {
      String attr = d.isEmpty() ? "" : "; Domain=" + d;
      out.add(
          new Builder("domain", d.isEmpty() ? "host-only" : d)
              .set(APP + "login", "d=1; Secure; Path=/" + attr)
              .get(APP)
              .get("https://www.example.com/")
              .get("https://example.com/")
              .get("https://sub.app.example.com/")
              .build());
    }
    for (String d : List.of("", "shop.co.uk", "co.uk")) {
      out.add(
          new Builder("domain", "shop.co.uk-" + (d.isEmpty() ? "host-only" : d))
              .set("https://shop.co.uk/", "d=1; Secure; Path=/" + (d.isEmpty() ? "" : "; Domain=" + d))
              .get("https://shop.co.uk/")
              .get("https://www.shop.co.uk/")
              .build());
    }
    // A public suffix as the host itself: Domain equal to the host is a host-only cookie.
    out.add(new Builder("domain", "suffix-host").set("https://github.io/", "d=1; Secure; Domain=github.io").get("https://github.io/").get("https://x.github.io/").build());
    for (String d : List.of("", "127.0.0.1", "0.0.1")) {
      out.add(
          new Builder("domain", "ip-" + (d.isEmpty() ? "host-only" : d))
              .set("http://127.0.0.1/", "d=1; Path=/" + (d.isEmpty() ? "" : "; Domain=" + d))
              .get("http://127.0.0.1/")
              .build());
    }
  }

  private static void path(List<DiffCase> out) {
    for (String p : List.of("", "/", "/app", "/app/", "/other", "app", "/APP", "/app/login/deeper")) {
      Builder b = new Builder("path", p.isEmpty() ? "default" : p.replace('/', '_')).set(APP + "app/login", "p=1; Secure" + (p.isEmpty() ? "" : "; Path=" + p));
      for (String r : List.of("", "app", "app/", "app/x", "application", "other", "APP/x", "app/login/deeper/y")) b.get(APP + r);
      out.add(b.build());
    }
  }

  /** Characters in the Path attribute: which ones Chromium refuses ({@code EXCLUDE_INVALID_PATH}) or keeps. */
  private static void pathCharacters(List<DiffCase> out) {
    String[][] cases = {
      {"space", "/a b"}, {"quote", "/a\"b"}, {"lt", "/a<b"}, {"gt", "/a>b"}, {"backslash", "/a\\b"}, {"brace", "/a{b}"},
      {"backtick", "/a`b"}, {"question", "/a?b"}, {"hash", "/a#b"}, {"dot-segment", "/a/./b"}, {"dot-dot-segment", "/a/../b"},
      {"escaped-unreserved", "/a%41b"}, {"escaped-slash", "/a%2Fb"}, {"trailing-dot", "/a/."},
    };
    for (String[] c : cases) {
      out.add(new Builder("path", "chars-" + c[0]).set(APP + "a/login", "p=1; Secure; Path=" + c[1]).get(APP + "a/b").get(APP + "aAb").build());
    }
  }

  private static void prefixes(List<DiffCase> out) {
    String[][] cases = {
      {"secure-ok", APP, "__Secure-a=1; Secure"},
      {"secure-no-secure", APP, "__Secure-a=1"},
      {"secure-over-http", APP_HTTP, "__Secure-a=1; Secure"},
      {"secure-lowercase", APP, "__secure-a=1"},
      {"secure-with-domain", APP, "__Secure-a=1; Secure; Domain=example.com"},
      {"host-ok", APP, "__Host-a=1; Secure; Path=/"},
      {"host-with-domain", APP, "__Host-a=1; Secure; Path=/; Domain=app.example.com"},
      {"host-no-path", APP + "app/login", "__Host-a=1; Secure"},
      {"host-no-path-at-root", APP + "login", "__Host-a=1; Secure"},
      {"host-sub-path", APP, "__Host-a=1; Secure; Path=/app"},
      {"host-no-secure", APP, "__Host-a=1; Path=/"},
      {"host-uppercase", APP, "__HOST-a=1; Path=/"},
      {"host-over-http", APP_HTTP, "__Host-a=1; Secure; Path=/"},
      {"http-prefix-no-httponly", APP, "__Http-a=1; Secure; Path=/"},
      {"http-prefix-ok", APP, "__Http-a=1; Secure; HttpOnly; Path=/"},
      {"host-http-prefix-no-httponly", APP, "__Host-Http-a=1; Secure; Path=/"},
      {"host-http-prefix-ok", APP, "__Host-Http-a=1; Secure; HttpOnly; Path=/"},
      {"nameless-looks-prefixed", APP, "=__Host-a"},
    };
    for (String[] c : cases) {
      out.add(new Builder("prefix", c[0]).set(c[1], c[2]).get(APP).build());
    }
  }

  private static void partitioned(List<DiffCase> out) {
    for (ThirdPartyCookies policy : ThirdPartyCookies.values()) {
      String p = "-" + policy.name().toLowerCase();
      out.add(
          new Builder("partitioned", "first-party" + p)
              .policy(policy)
              .set(APP, "p=1; Secure; SameSite=None; Partitioned")
              .get(APP)
              .get(APP, Kind.CROSS_SITE_IFRAME)
              .get(APP, Kind.CROSS_SITE_FETCH)
              .build());
      out.add(new Builder("partitioned", "no-secure" + p).policy(policy).set(APP, "p=1; Partitioned", "q=1").get(APP).build());
      out.add(
          new Builder("partitioned", "embedded" + p)
              .policy(policy)
              .set(APP + "set", Kind.CROSS_SITE_FETCH, "p=1; Secure; SameSite=None; Partitioned")
              .get(APP + "again", Kind.CROSS_SITE_FETCH)
              .getFrom(APP + "elsewhere", "GET", Context.SUBRESOURCE, "https://third.example.org")
              .get(APP)
              .build());
      out.add(
          new Builder("partitioned", "embedded-unpartitioned" + p)
              .policy(policy)
              .set(APP + "set", Kind.CROSS_SITE_IFRAME, "u=1; Secure; SameSite=None", "p=1; Secure; SameSite=None; Partitioned")
              .get(APP + "again", Kind.CROSS_SITE_IFRAME)
              .get(APP)
              .build());
    }
  }

  private static String httpDate(long secondsFromNow) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(secondsFromNow).withNano(0));
  }

  private static void expiry(List<DiffCase> out) {
    String[][] cases = {
      {"max-age-future", "e=1; Max-Age=3600"},
      {"max-age-zero", "e=1; Max-Age=0"},
      {"max-age-negative", "e=1; Max-Age=-1"},
      {"max-age-garbage", "e=1; Max-Age=abc"},
      {"max-age-huge", "e=1; Max-Age=99999999999999999999"},
      {"expires-future", "e=1; Expires=" + httpDate(86400)},
      {"expires-past", "e=1; Expires=" + httpDate(-86400)},
      {"expires-garbage", "e=1; Expires=tomorrow"},
      {"max-age-beats-expires-past", "e=1; Max-Age=3600; Expires=" + httpDate(-86400)},
      {"max-age-zero-beats-expires", "e=1; Max-Age=0; Expires=" + httpDate(86400)},
      {"expires-two-digit-year", "e=1; Expires=Wed, 01 Jan 70 00:00:00 GMT"},
    };
    for (String[] c : cases) {
      out.add(new Builder("expiry", c[0]).set(APP, c[1]).get(APP).build());
    }
  }

  private static void deletion(List<DiffCase> out) {
    String[][] cases = {
      {"host-only", "d=1", "d=; Max-Age=0"},
      {"expires-past", "d=1; Path=/", "d=; Path=/; Expires=" + httpDate(-86400)},
      {"domain-cookie", "d=1; Domain=example.com; Path=/", "d=; Domain=example.com; Path=/; Max-Age=0"},
      {"domain-cookie-without-domain", "d=1; Domain=example.com; Path=/", "d=; Path=/; Max-Age=0"},
      {"wrong-path", "d=1; Path=/", "d=; Path=/x; Max-Age=0"},
      {"secure-from-http", "d=1; Secure; Path=/", "d=; Path=/; Max-Age=0"},
      {"nothing-to-delete", "o=1; Path=/", "d=; Path=/; Max-Age=0"},
    };
    for (String[] c : cases) {
      boolean fromHttp = c[0].equals("secure-from-http");
      out.add(
          new Builder("deletion", c[0])
              .set(APP, c[1])
              .set((fromHttp ? APP_HTTP : APP), c[2])
              .get(APP)
              .build());
    }
  }

  private static void thirdParty(List<DiffCase> out) {
    for (ThirdPartyCookies policy : ThirdPartyCookies.values()) {
      String p = policy.name().toLowerCase();
      out.add(
          new Builder("third-party", "set-embedded-" + p)
              .policy(policy)
              .set(APP + "set", Kind.CROSS_SITE_FETCH, "t=1; Secure; SameSite=None")
              .set(APP + "set2", Kind.CROSS_SITE_IFRAME, "f=1; Secure; SameSite=None")
              .get(APP)
              .build());
      Builder b =
          new Builder("third-party", "send-" + p).policy(policy).set(APP, "t=1; Secure; SameSite=None", "l=1; Secure; SameSite=Lax");
      for (Kind k : Kind.values()) b.get(APP + "r-" + k.name().toLowerCase(), k);
      out.add(b.build());
    }
  }

  // ------------------------------------------------------------------ random

  private static final String[] HOSTS = {"app.example.com", "www.example.com", "example.com"};
  private static final String[] DOMAINS = {"", "; Domain=example.com", "; Domain=app.example.com", "; Domain=com", "; Domain=other.example.net"};
  private static final String[] PATHS = {"", "; Path=/", "; Path=/app", "; Path=/x"};
  private static final String[] PREFIXES = {"", "", "", "__Secure-", "__Host-"};
  private static final String[] EXPIRY = {"", "", "; Max-Age=3600", "; Max-Age=0", "; Expires=Thu, 01 Jan 1970 00:00:01 GMT"};
  private static final String[] SAMESITE = {"", "; SameSite=None", "; SameSite=Lax", "; SameSite=Strict", "; SameSite=lax"};
  private static final String[] REQUEST_PATHS = {"", "app", "app/x", "x", "other"};

  /** {@code n} random cases from {@code seed}: one response of 1–3 lines, then 1–3 requests. */
  static List<DiffCase> random(long seed, int n) {
    Random r = new Random(seed);
    List<DiffCase> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ThirdPartyCookies policy = r.nextInt(4) == 0 ? ThirdPartyCookies.BLOCKED : ThirdPartyCookies.ALLOWED;
      String scheme = r.nextInt(4) == 0 ? "http" : "https";
      Builder b = new Builder("random", seed + "-" + i).policy(policy);
      String setUrl = scheme + "://" + pick(r, HOSTS) + "/" + pick(r, new String[] {"", "app/login", "x/y"});
      Kind setKind = pickKind(r, scheme);
      int lines = 1 + r.nextInt(3);
      String[] set = new String[lines];
      for (int l = 0; l < lines; l++) {
        StringBuilder s = new StringBuilder(pick(r, PREFIXES) + "c" + l + "=1");
        if (r.nextBoolean()) s.append("; Secure");
        if (r.nextInt(3) == 0) s.append("; HttpOnly");
        s.append(pick(r, SAMESITE)).append(pick(r, DOMAINS)).append(pick(r, PATHS)).append(pick(r, EXPIRY));
        if (r.nextInt(6) == 0) s.append("; Partitioned");
        set[l] = s.toString();
      }
      b.set(setUrl, setKind, set);
      int requests = 1 + r.nextInt(3);
      for (int q = 0; q < requests; q++) {
        String reqScheme = r.nextInt(4) == 0 ? "http" : "https";
        b.get(reqScheme + "://" + pick(r, HOSTS) + "/" + pick(r, REQUEST_PATHS), pickKind(r, reqScheme));
      }
      out.add(b.build());
    }
    return out;
  }

  private static Kind pickKind(Random r, String scheme) {
    while (true) {
      Kind k = Kind.values()[r.nextInt(Kind.values().length)];
      if (k.possibleFor(scheme)) return k;
    }
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
