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
      URI u = pub ? landing : Urls.onto(direct, landing);
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
      HttpExchange dir = s.send("Authorization direct to the app", "GET", Urls.onto(direct, landing), RAW, h, null, true);
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
      HttpExchange x = s.send("direct " + viaName(via) + ": " + request, method, Urls.onto(direct, publicUrl), RAW, h, body, false);
      trial(x, request, via, publicUrl, fwd);
    }
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
