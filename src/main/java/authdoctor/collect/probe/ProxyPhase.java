package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.cookie.SetCookieParser;
import authdoctor.internal.Hosts;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Redirects;
import authdoctor.observation.SessionCheck.Purpose;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Proxy awareness: the same requests sent through the public URL and directly to the app ({@code
 * --direct}), plain and with the headers a correct proxy adds, and where each answer points the browser
 * (a {@link ForwardingTrial} per answer). Raw requests: they stand for the proxy, not for the browser.
 */
final class ProxyPhase {
  private static final Pattern ABSOLUTE_URL = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(?:/[^\\s\"'<>]*)?");
  private static final RequestKind RAW = new RequestKind.Raw();

  private final ProbeSession s;
  private final SessionReplays sessions;
  /** The public path prefix the proxy strips before the app ({@link #mount()}), "" for none; null until measured. */
  private @Nullable String mount;

  ProxyPhase(ProbeSession s, SessionReplays sessions) {
    this.s = s;
    this.sessions = sessions;
  }

  /**
   * The login page redirected where the probe does not follow (a host no {@code --resolve} pins, often the
   * upstream's name from a proxy that did not pass Host): no form, so no login to compare; the page's own
   * answer is compared through the proxy and direct instead, as for a loop.
   */
  void unfollowed(HttpExchange redirect, URI u) {
    loop(redirect, u);
  }

  /** The login page loops: what the app generated through the proxy, and the app direct. */
  void loop(HttpExchange first, URI u) {
    String request = "GET " + (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
    trial(first, request, ForwardingTrial.Via.PUBLIC, u, Map.of());
    if (s.config.direct() != null) {
      directTrials(request, "GET", u, List.of(), null);
      claimedTrial(request, u);
    }
  }

  void run(URI loginPage, LoginPhase.@Nullable Result lr, URI landing) {
    URI direct = requireNonNull(s.config.direct());
    // 1) The login POST: public (already sent), direct, direct with the headers a correct proxy adds.
    if (lr != null) {
      List<HeaderField> h = new ArrayList<>(lr.headers());
      if (lr.cookieHeader() != null) h.add(new HeaderField("Cookie", lr.cookieHeader()));
      directTrials("POST " + lr.postUrl().getRawPath(), "POST", lr.postUrl(), h, lr.body());
    }
    // 2) The protected route without a session: where does the app send an anonymous browser?
    for (ForwardingTrial.Via via : ForwardingTrial.Via.values()) {
      Map<String, String> fwd = forwarded(via, landing);
      List<HeaderField> h = new ArrayList<>();
      fwd.forEach((k, v) -> h.add(new HeaderField(k, v)));
      boolean pub = via == ForwardingTrial.Via.PUBLIC || via == ForwardingTrial.Via.PUBLIC_CLAIMED;
      URI u = pub ? landing : direct(landing);
      String label = via == ForwardingTrial.Via.PUBLIC ? "public" : (pub ? "public " : "direct ") + viaName(via);
      HttpExchange x = s.send(label + ": GET " + landing.getRawPath() + " without a session", "GET", u, RAW, h, null, false);
      trial(x, "GET " + landing.getRawPath() + " (no session)", via, landing, fwd);
    }
    // 3) Authorization: does it work direct but not through the proxy?
    if (s.authorization() != null) {
      List<HeaderField> auth = s.auth();
      HttpExchange pub = s.send("Authorization through the proxy", "GET", landing, RAW, auth, null, true);
      sessions.check(pub, Purpose.AUTHORIZATION_PUBLIC, "public", loginPage);
      List<HeaderField> h = new ArrayList<>(auth);
      forwarded(ForwardingTrial.Via.DIRECT_FORWARDED, landing).forEach((k, v) -> h.add(new HeaderField(k, v)));
      HttpExchange dir = s.send("Authorization direct to the app", "GET", direct(landing), RAW, h, null, true);
      sessions.check(dir, Purpose.AUTHORIZATION_DIRECT, direct.toString(), loginPage);
    }
  }

  /** The same request sent directly to the app, plain and with the headers a correct proxy adds. */
  private void directTrials(String request, String method, URI publicUrl, List<HeaderField> headers, byte @Nullable [] body) {
    URI direct = requireNonNull(s.config.direct());
    for (ForwardingTrial.Via via : List.of(ForwardingTrial.Via.DIRECT, ForwardingTrial.Via.DIRECT_FORWARDED)) {
      List<HeaderField> h = new ArrayList<>(headers);
      Map<String, String> fwd = forwarded(via, publicUrl);
      fwd.forEach((k, v) -> h.add(new HeaderField(k, v)));
      HttpExchange x = s.send("direct " + viaName(via) + ": " + request, method, direct(publicUrl), RAW, h, body, false);
      trial(x, request, via, publicUrl, fwd);
    }
  }

  /**
   * {@code publicUrl} on the app's own port ({@code --direct}): without the public path prefix when the proxy
   * strips it ({@link #mount()}), so that a direct trial asks the app for the route it serves, not a 404.
   */
  private URI direct(URI publicUrl) {
    URI direct = requireNonNull(s.config.direct());
    String m = mount();
    String p = publicUrl.getRawPath() == null || publicUrl.getRawPath().isEmpty() ? "/" : publicUrl.getRawPath();
    if (m.isEmpty() || !(p.equals(m) || p.startsWith(m + "/"))) return Urls.onto(direct, publicUrl);
    String rest = p.substring(m.length());
    URI unmounted = URI.create(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority() + (rest.isEmpty() ? "/" : rest)
        + (publicUrl.getRawQuery() == null ? "" : "?" + publicUrl.getRawQuery()));
    return Urls.onto(direct, unmounted);
  }

  /**
   * The path prefix of the public URL ({@code /app} of {@code https://example.com/app/}) that the proxy strips
   * before the app, measured once: with {@code --direct} given without a path, the app's own port answers
   * its root but 404 under the prefix. "" when the public URL has no prefix, {@code --direct} names a path
   * (the user said where the app lives), or the app answers under the prefix too (it is mounted there).
   */
  private String mount() {
    if (mount != null) return mount;
    mount = "";
    URI direct = requireNonNull(s.config.direct());
    String dp = direct.getRawPath();
    if (dp != null && !dp.isEmpty() && !dp.equals("/")) return mount;
    URI base = s.config.base();
    String bp = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    if (bp.isEmpty()) return mount;
    List<HeaderField> h = new ArrayList<>();
    forwarded(ForwardingTrial.Via.DIRECT_FORWARDED, base).forEach((k, v) -> h.add(new HeaderField(k, v)));
    HttpExchange under = s.send("direct: is " + bp + " the app's own path?", "GET", Urls.onto(direct, base), RAW, h, null, false);
    if (!under.answered() || under.status() != 404) return mount;
    // Shortest first: /app of /app/login, then /app/login itself.
    for (int i = bp.indexOf('/', 1); !s.overTime(); i = bp.indexOf('/', i + 1)) {
      String m = i < 0 ? bp : bp.substring(0, i);
      String rest = bp.substring(m.length());
      HttpExchange without = s.send("direct: or " + (rest.isEmpty() ? "/" : rest) + ", without " + m + "?", "GET",
          Urls.onto(direct, URI.create(base.getScheme() + "://" + base.getRawAuthority() + (rest.isEmpty() ? "/" : rest))),
          RAW, h, null, false);
      if (without.answered() && without.status() != 404 && without.status() < 500) {
        s.note("direct", "the proxy strips " + m + "/ before the app (" + bp + " answers 404 on "
            + s.redactor.url(direct.toString()) + ", " + (rest.isEmpty() ? "/" : rest) + " " + without.status()
            + "): the direct trials ask the app without it");
        mount = m;
        return mount;
      }
      if (i < 0) break;
    }
    return mount;
  }

  /** The request through the public URL with the client's own X-Forwarded-Proto (does a hop overwrite it?). */
  private void claimedTrial(String request, URI publicUrl) {
    Map<String, String> fwd = forwarded(ForwardingTrial.Via.PUBLIC_CLAIMED, publicUrl);
    List<HeaderField> h = new ArrayList<>();
    fwd.forEach((k, v) -> h.add(new HeaderField(k, v)));
    HttpExchange x = s.send("public " + viaName(ForwardingTrial.Via.PUBLIC_CLAIMED) + ": " + request, "GET", publicUrl, RAW,
        h, null, false);
    trial(x, request, ForwardingTrial.Via.PUBLIC_CLAIMED, publicUrl, fwd);
  }

  private static String viaName(ForwardingTrial.Via via) {
    return switch (via) {
      case PUBLIC, DIRECT -> "plain";
      case DIRECT_FORWARDED -> "with X-Forwarded-*";
      case PUBLIC_CLAIMED -> "with the client's own X-Forwarded-Proto";
    };
  }

  /** The headers a proxy adds (or a client claims) for {@code via}. */
  static Map<String, String> forwarded(ForwardingTrial.Via via, URI publicUrl) {
    Map<String, String> m = new LinkedHashMap<>();
    if (via == ForwardingTrial.Via.DIRECT_FORWARDED) {
      m.put("Host", publicUrl.getRawAuthority());
      m.put("X-Forwarded-Proto", publicUrl.getScheme());
      m.put("X-Forwarded-Host", publicUrl.getRawAuthority());
      m.put("X-Forwarded-For", "127.0.0.1");
    } else if (via == ForwardingTrial.Via.PUBLIC_CLAIMED) {
      m.put("X-Forwarded-Proto", publicUrl.getScheme());
    }
    return m;
  }

  /** Records where the answer {@code x} points the browser: its Location, an OAuth redirect_uri, or a URL in its body. */
  void trial(HttpExchange x, String request, ForwardingTrial.Via via, URI publicUrl, Map<String, String> sent) {
    URI appUrl = null;
    String source = null;
    URI loc = Redirects.target(x).orElse(null);
    String rawLoc = x.responseHeader("Location").orElse("").strip();
    if (loc != null && (rawLoc.startsWith("http://") || rawLoc.startsWith("https://"))) {
      if (relevantHost(loc, publicUrl)) {
        appUrl = loc;
        source = "Location";
      }
      URI ru = Urls.redirectUri(loc);
      if (appUrl == null && ru != null && relevantHost(ru, publicUrl)) {
        appUrl = ru;
        source = "redirect_uri";
      }
    }
    if (appUrl == null) {
      Matcher m = ABSOLUTE_URL.matcher(x.body());
      while (m.find()) {
        try {
          URI u = new URI(m.group());
          if (relevantHost(u, publicUrl)) {
            appUrl = u;
            source = "body";
            break;
          }
        } catch (URISyntaxException ignored) {
          // not a URL after all
        }
      }
    }
    List<String> secure = new ArrayList<>();
    for (String l : x.responseHeaders("Set-Cookie")) {
      var c = SetCookieParser.parse(l);
      if (c.secure() && !c.name().isEmpty()) secure.add(c.name());
    }
    s.add(new ForwardingTrial(x.step(), request, via, x.url(), publicUrl, sent, appUrl, source, secure, x.status()));
  }

  /** The public host itself (any port or scheme), or an address that can only be the app's own. */
  private boolean relevantHost(URI u, URI publicUrl) {
    String h = Hosts.hostOf(u);
    if (h == null) return false;
    if (h.equalsIgnoreCase(publicUrl.getHost())) return true;
    if (s.config.direct() != null && h.equalsIgnoreCase(requireNonNull(s.config.direct()).getHost())) return true;
    return Hosts.isInternal(h);
  }
}
