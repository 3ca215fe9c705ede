package authdoctor.differential;

import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.differential.DiffCase.Builder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-picked cases: the places where Chromium's behaviour was inferred from its sources or differs
 * from RFC 6265bis, written down one by one when the model learnt them (families {@code picked-*}).
 * Single Set-Cookie lines (HTAB, odd paths and domains, prefixes, dates, sizes), seven kinds of cookie
 * sent in ten request contexts, cookies set from seven contexts, and overwrites and deletions over
 * several steps (the {@code Cookie} order, leave-secure-alone, partitions, logout paths).
 */
final class PickedCases {
  private static final String PAGE = "https://app.example.com/a/b";

  private PickedCases() {}

  static List<DiffCase> all() {
    List<DiffCase> out = new ArrayList<>();
    lines(out);
    sends(out);
    setContexts(out);
    overwrites(out);
    return out;
  }

  /** One line set by a typed navigation; the case id is the cookie name ({@code nameless-…} without one). */
  private static void lines(List<DiffCase> out) {
    String[][] lines = {
      {PAGE, "tab=b\tc"},
      {PAGE, "tabattr=1; Path=/x\ty"},
      {"http://app.example.com/a/b", "trailingtab=1; Secure\t"},
      {PAGE, "nonascii=1; Path=/caf\u00e9"},
      {PAGE, "space=1; Path=/x y"},
      {PAGE, "dots=1; Path=/a/../b"},
      {PAGE, "dot=1; Path=/a/./b"},
      {PAGE, "escaped=1; Path=/f%6Fo"},
      {PAGE, "query=1; Path=/x?y"},
      {PAGE, "hash=1; Path=/x#y"},
      {PAGE, "quote=1; Path=/x\"y"},
      {PAGE, "brace=1; Path=/x{y}"},
      {PAGE, "backslash=1; Path=/x\\y"},
      {PAGE, "=amb=iguous"},
      {PAGE, "y1600=1; Expires=Sat, 01 Jan 1600 00:00:00 GMT"},
      {PAGE, "plus=1; Max-Age=+60"},
      {PAGE, "longs=1; SameSite=\u017Ftrict"},
      {PAGE, "__Host-emptydomain=1; Secure; Path=/; Domain="},
      {PAGE, "trailingdot=1; Domain=example.com."},
      {PAGE, "partnosecure=1; Partitioned"},
      {PAGE, "__Http-x=1; Secure"},
      {PAGE, "__http-y=1; Secure; HttpOnly"},
      {PAGE, "=__Host-hidden=1"},
      {PAGE, "star=1; Domain=*.example.com"},
      {PAGE, "under=1; Domain=a_b.example.com"},
      {PAGE, "justvalue"},
      {PAGE, "=noequals"},
      {PAGE, "=a=b"},
      {PAGE, "y5=1; Expires=Thu, 12-Aug-31841 20:49:07 GMT"},
      {PAGE, "y69=1; Expires=Thu, 01 Jan 69 00:00:00 GMT"},
      {"http://localhost/a/b", "localsecure=1; Secure"},
      {"http://app.localhost/a/b", "sublocal=1; Secure; SameSite=None"},
      {PAGE, "bigattr=1; Path=/" + "p".repeat(1100)},
      {"https://me.github.io/a/b", "psl=1; Domain=github.io"},
      {PAGE, "nonasciidomain=1; Domain=ex\u00e4mple.com"},
      {PAGE, "del=1; Max-Age=0"},
      {PAGE, "delneg=1; Max-Age=-1"},
      {"https://home.example.org/a/b", "emptylast=1; Domain=foo.example.org; Domain="},
      {PAGE, "leadingdot=1; Domain=.EXAMPLE.com"},
      {PAGE, "samehost=1; Domain=app.example.com"},
      {PAGE, "sibling=1; Domain=api.example.com"},
      {PAGE, "percent=1; Domain=ex%61mple.com"},
      {PAGE, "noneinsecure=1; SameSite=None"},
      {PAGE, "big=" + "v".repeat(4096)},
      {PAGE, "fits=" + "v".repeat(4091)},
      {PAGE, "=__Secure-x"},
      {"http://app.example.com/a/b", "__Secure-y=1; Secure"},
      {PAGE, "__Host-z=1; Secure"},
      {PAGE, "far=1; Max-Age=99999999999"},
      {PAGE, "hour=1; Max-Age=3600; Expires=Thu, 01 Jan 2099 00:00:00 GMT"},
      {PAGE, "badmax=1; Max-Age=1h; Expires=Thu, 01 Jan 2099 00:00:00 GMT"},
      {PAGE, "badexp=1; Expires=tomorrow"},
      {PAGE, "flags=1; Secure; HttpOnly; Path=/x/; Partitioned"},
    };
    for (String[] l : lines) out.add(new Builder("picked-line", id(l[1])).set(l[0], l[1]).build());
  }

  private static String id(String line) {
    boolean nameless = line.startsWith("=");
    String rest = nameless ? line.substring(1) : line;
    int end = rest.length();
    for (char c : new char[] {'=', ';'}) {
      int i = rest.indexOf(c);
      if (i >= 0) end = Math.min(end, i);
    }
    return (nameless ? "nameless-" : "") + rest.substring(0, end);
  }

  /** Seven kinds of cookie set by a typed navigation to app.example.com. */
  private static final String[] JAR = {
    "strict=1; Path=/; SameSite=Strict",
    "lax=1; Path=/; SameSite=Lax",
    "unset=1; Path=/",
    "none=1; Path=/; SameSite=None; Secure",
    "api=1; Path=/api",
    "secure=1; Path=/; Secure; SameSite=None",
    "dom=1; Path=/; Domain=example.com; SameSite=None; Secure",
  };

  /** Then one request in some context, with third-party cookies allowed and blocked. */
  private static void sends(List<DiffCase> out) {
    String[][] requests = {
      {"https://app.example.com/api/x", "GET", "navigation", ""},
      {"https://app.example.com/apiv2", "GET", "navigation", ""},
      {"https://app.example.com/", "GET", "navigation", "https://idp.test"},
      {"https://app.example.com/", "POST", "navigation", "https://idp.test"},
      {"https://app.example.com/", "GET", "subresource", "https://shop.test"},
      {"https://app.example.com/", "GET", "subresource", "https://www.example.com"},
      {"https://app.example.com/", "GET", "iframe", "https://shop.test"},
      {"https://app.example.com/", "GET", "navigation", "http://www.example.com"},
      {"https://api.example.com/", "GET", "navigation", ""},
      {"http://app.example.com/", "GET", "navigation", ""},
    };
    for (ThirdPartyCookies policy : List.of(ThirdPartyCookies.ALLOWED, ThirdPartyCookies.BLOCKED)) {
      for (String[] r : requests) {
        String id = "3pc-" + policy.name().toLowerCase(Locale.ROOT) + " " + r[1] + " " + r[0] + " " + r[2]
            + (r[3].isEmpty() ? "" : " from " + r[3]);
        Builder b = new Builder("picked-send", id).policy(policy).set("https://app.example.com/login", JAR);
        if (r[3].isEmpty()) b.get(r[0]);
        else b.getFrom(r[0], r[1], context(r[2]), r[3]);
        out.add(b.build());
      }
    }
  }

  /** Cookies of every SameSite kind (and Partitioned) set by a response in different contexts. */
  private static void setContexts(List<DiffCase> out) {
    String[][] contexts = {
      {"allowed", "GET", "subresource", "https://shop.test"},
      {"allowed", "GET", "subresource", "https://www.example.com"},
      {"allowed", "GET", "iframe", "https://shop.test"},
      {"allowed", "POST", "navigation", "https://idp.test"},
      {"allowed", "GET", "subresource", "http://www.example.com"},
      {"blocked", "GET", "iframe", "https://shop.test"},
      {"blocked", "GET", "navigation", "https://shop.test"},
    };
    for (String[] c : contexts) {
      String id = "3pc-" + c[0] + " " + c[1] + " " + c[2] + " from " + c[3];
      out.add(
          new Builder("picked-set", id)
              .policy(c[0].equals("blocked") ? ThirdPartyCookies.BLOCKED : ThirdPartyCookies.ALLOWED)
              .setFrom("https://app.example.com/login", c[1], context(c[2]), c[3],
                  "strict=1; Path=/; SameSite=Strict",
                  "lax=1; Path=/; SameSite=Lax",
                  "unset=1; Path=/",
                  "none=1; Path=/; SameSite=None; Secure",
                  "chips=1; Path=/; SameSite=None; Secure; Partitioned")
              .build());
    }
  }

  /** Several steps: later lines overwrite, delete or fail to touch earlier cookies. */
  private static void overwrites(List<DiffCase> out) {
    String app = "https://app.example.com/";
    out.add(
        new Builder("picked-overwrite", "order of one response and of two")
            .set(app + "x/page", "b=1; Path=/", "a=1; Path=/", "c=1; Path=/x", "d=1; Path=/x/", "e=1")
            .set(app + "x/page", "f=1; Path=/", "b=2; Path=/", "a=1; Path=/")
            .get(app + "x/y")
            .build());
    out.add(
        new Builder("picked-overwrite", "partitioned cookie only in its partition")
            .setFrom("https://widget.test/embed", "GET", Context.IFRAME, "https://shop.test",
                "chips=1; Path=/; Secure; SameSite=None; Partitioned", "plain=1; Path=/; Secure; SameSite=None")
            .getFrom("https://widget.test/embed", "GET", Context.IFRAME, "https://shop.test")
            .getFrom("https://widget.test/embed", "GET", Context.IFRAME, "https://news.test")
            .get("https://widget.test/")
            .build());
    out.add(
        new Builder("picked-overwrite", "localhost over http gets Secure cookies")
            .set("http://localhost/login", "sec=1; Path=/; Secure", "none=1; Path=/; Secure; SameSite=None", "plain=1; Path=/")
            .get("http://localhost/app")
            .get("http://app.localhost/app")
            .build());
    out.add(
        new Builder("picked-overwrite", "host-only and domain cookie of one name")
            .set(app, "sid=host; Path=/", "sid=dom; Path=/; Domain=example.com")
            .get(app)
            .build());
    out.add(
        new Builder("picked-overwrite", "http cannot overwrite secure")
            .set(app, "sid=1; Path=/; Secure")
            .set("http://app.example.com/", "sid=2; Path=/", "sid=; Path=/; Max-Age=0", "other=1; Path=/")
            .build());
    out.add(
        new Builder("picked-overwrite", "http subdomain cannot shadow secure parent")
            .set("https://example.com/", "sid=1; Path=/; Secure")
            .set("http://www.example.com/", "sid=2; Path=/", "sid=3; Path=/; Domain=example.com")
            .build());
    out.add(
        new Builder("picked-overwrite", "logout with another path leaves the cookie")
            .set(app + "auth/login", "sid=1; Path=/")
            .set(app + "auth/logout", "sid=; Max-Age=0", "sid=; Path=/auth; Max-Age=0")
            .build());
    out.add(
        new Builder("picked-overwrite", "logout that matches deletes")
            .set(app + "auth/login", "sid=1; Path=/", "keep=1; Path=/")
            .set(app + "auth/logout", "sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
            .build());
  }

  private static Context context(String name) {
    return Context.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
