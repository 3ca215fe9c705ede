package authdoctor.collect.probe;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.cookie.CookieHeader;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.SessionCarrier;
import authdoctor.observation.SessionCheck.Verdict;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The session by ablation: the first signed-in request replayed once per cookie with that cookie left
 * out, concurrently and within {@code --max-time}. The cookies whose absence signs the user out are the
 * session ({@link SessionCarriers}); the decision is recorded as a {@link SessionCarrier} and kept on the
 * session, so that every later judgement (instances, secret vs store, logout, restart, store lookup) names
 * that cookie rather than the one a name suggests.
 */
final class SessionAblation {
  /** Cookies ablated at most: each costs one request. */
  static final int MAX_COOKIES = 12;

  private final ProbeSession s;

  SessionAblation(ProbeSession s) {
    this.s = s;
  }

  void run(HttpExchange signedIn, URI loginPage) {
    String header = signedIn.requestHeader("Cookie").orElse(null);
    if (header == null || s.overTime()) return;
    List<CookieHeader.Pair> pairs = CookieHeader.parse(header).stream().filter(p -> !p.name().isEmpty()).toList();
    List<String> names = pairs.stream().map(CookieHeader.Pair::name).distinct().toList();
    if (names.size() < 2 || names.size() > MAX_COOKIES) return; // one cookie is the session by elimination
    Map<String, Verdict> without = new ConcurrentHashMap<>();
    List<Runnable> replays = new ArrayList<>();
    for (String left : names) {
      String rest = pairs.stream().filter(p -> !p.name().equals(left)).map(p -> p.name() + "=" + p.value())
          .collect(Collectors.joining("; "));
      List<HeaderField> h = new ArrayList<>(s.auth());
      if (!rest.isEmpty()) h.add(new HeaderField("Cookie", rest));
      replays.add(() -> {
        if (s.overTime()) return;
        HttpExchange x = s.send("without cookie " + left, "GET", signedIn.url(), new RequestKind.Raw(), h, null, false);
        SignedIn.Verdict v = SignedIn.page(x, loginPage, s.redactor);
        s.trace.annotate(x.step(), v.verdict(), v.reason());
        without.put(left, v.verdict());
      });
    }
    s.steps.concurrently(replays);
    SessionCarriers.Decision d = SessionCarriers.decide(names, without);
    s.add(new SessionCarrier(signedIn.step(), d.session(), d.context(), d.how()));
    if (!d.session().isEmpty()) s.sessionCookies(d.session());
    s.note("session cookie", d.how() + (d.context().isEmpty() ? "" : " (context: " + d.context().entrySet().stream()
        .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
  }
}
