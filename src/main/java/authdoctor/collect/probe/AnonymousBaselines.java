package authdoctor.collect.probe;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.SessionCheck;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;

/**
 * What a visitor without cookies gets for each protected route before the login, so that "signed in" rests
 * on evidence: a 2xx page shaped like the anonymous one (a JavaScript app shell, a public page) says nothing
 * about the session and is "cannot tell", never "signed in".
 */
final class AnonymousBaselines {
  private final Map<String, HttpExchange> byUrl = new ConcurrentHashMap<>();

  /** Requests {@code url} as a browser with no cookies would (a raw request with the browser's headers). */
  void fetch(ProbeSession s, URI url) {
    HttpExchange x = s.send("protected " + url.getRawPath() + " before login, no cookies", "GET", url,
        new RequestKind.Raw(), Navigation.typed().browserHeaders(url), null, false);
    record(x);
  }

  /** Keeps {@code x} as what a visitor without cookies gets for its URL. */
  void record(HttpExchange x) {
    if (x.answered()) byUrl.put(x.url().toString(), x);
  }

  /** {@code v}, unless it says signed in on a page shaped like the one an anonymous visitor got: then unknown. */
  SignedIn.Verdict judge(HttpExchange x, SignedIn.Verdict v) {
    if (v.verdict() != SessionCheck.Verdict.LOGGED_IN) return v;
    HttpExchange anon = byUrl.get(x.url().toString());
    if (anon == null || !sameShape(x, anon)) return v;
    return new SignedIn.Verdict(SessionCheck.Verdict.UNKNOWN,
        x.status() + ", the same page as with no cookies before the login (step " + anon.step() + "): cannot tell");
  }

  /** Same status, media type and document skeleton (element names in order), or the same text for non-HTML. */
  static boolean sameShape(HttpExchange a, HttpExchange b) {
    if (a.status() != b.status() || !type(a).equals(type(b))) return false;
    if (type(a).contains("html")) return skeleton(a).equals(skeleton(b));
    return a.body().equals(b.body());
  }

  private static String type(HttpExchange x) {
    String t = x.responseHeader("Content-Type").orElse("");
    int semi = t.indexOf(';');
    return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  private static String skeleton(HttpExchange x) {
    return Html.parse(x.body()).getAllElements().stream().map(Element::tagName).collect(Collectors.joining(" "));
  }
}
