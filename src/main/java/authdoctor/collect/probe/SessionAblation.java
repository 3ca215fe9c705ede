package authdoctor.collect.probe;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.cookie.CookieHeader;
import authdoctor.observation.PageVerdict;
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
import org.jspecify.annotations.Nullable;

/**
 * The session by ablation: the first signed-in request replayed once per cookie with that cookie left
 * out, and (with three cookies or more) once with only that cookie, concurrently and within {@code --max-time}. The cookies whose
 * absence signs the user out are the session ({@link SessionCarriers}); the decision is recorded as a
 * {@link SessionCarrier} and kept on the session, so that every later judgement (instances, secret vs store,
 * logout, restart, store lookup) names that cookie rather than the one a name suggests.
 *
 * <p>The replays must reach the backend that accepted the request: through a load balancer over instances
 * that disagree, a replay that reaches the other instance is refused whatever cookie it lacks, which would
 * read as that cookie being the session. With {@code --instance} the ablation therefore goes to one instance
 * that accepted the session ({@link SessionReplays#ablateOnInstance}).
 */
final class SessionAblation {
  /** Cookies ablated at most: each costs up to two requests. */
  static final int MAX_COOKIES = 12;

  private final ProbeSession s;

  SessionAblation(ProbeSession s) {
    this.s = s;
  }

  /** Whether the Cookie header carries enough cookies to ablate (one cookie is the session by elimination). */
  static boolean ablatable(@Nullable String cookieHeader) {
    if (cookieHeader == null) return false;
    long n = names(CookieHeader.parse(cookieHeader)).size();
    return n >= 2 && n <= MAX_COOKIES;
  }

  /**
   * Ablates the signed-in request {@code signedIn}, each replay carrying {@code context} (the headers that
   * made it reach its backend: the public Host and forwarded headers of an instance replay) and the client's
   * Authorization.
   */
  void run(HttpExchange signedIn, URI loginPage, List<HeaderField> context) {
    String header = signedIn.requestHeader("Cookie").orElse(null);
    if (!ablatable(header) || s.overTime()) return;
    List<CookieHeader.Pair> pairs = CookieHeader.parse(header).stream().filter(p -> !p.name().isEmpty()).toList();
    List<String> names = names(pairs);
    Map<String, Verdict> without = new ConcurrentHashMap<>();
    Map<String, Verdict> only = new ConcurrentHashMap<>();
    List<Runnable> replays = new ArrayList<>();
    for (String name : names) {
      replays.add(replay(signedIn.url(), loginPage, context, "without cookie " + name,
          pairs.stream().filter(p -> !p.name().equals(name)).toList(), name, without));
      // With two cookies, leaving one out is sending the other alone: no second replay needed.
      if (names.size() > 2) {
        replays.add(replay(signedIn.url(), loginPage, context, "only cookie " + name,
            pairs.stream().filter(p -> p.name().equals(name)).toList(), name, only));
      }
    }
    s.steps.concurrently(replays);
    SessionCarriers.Decision d = SessionCarriers.decide(names, without, only);
    s.add(new SessionCarrier(signedIn.step(), d.session(), d.context(), d.how()));
    if (!d.session().isEmpty()) s.sessionCookies(d.session());
    s.note("session cookie", d.how() + (d.context().isEmpty() ? "" : " (context: " + d.context().entrySet().stream()
        .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
  }

  private Runnable replay(URI url, URI loginPage, List<HeaderField> context, String label, List<CookieHeader.Pair> sent,
      String name, Map<String, Verdict> into) {
    String cookies = sent.stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("; "));
    List<HeaderField> h = new ArrayList<>(s.auth());
    h.addAll(context);
    if (!cookies.isEmpty()) h.add(new HeaderField("Cookie", cookies));
    return () -> {
      if (s.overTime()) return;
      HttpExchange x = s.send(label, "GET", url, new RequestKind.Raw(), h, null, false);
      SignedIn.Verdict v = SignedIn.page(x, loginPage, s.redactor);
      s.add(new PageVerdict(x.step(), v.verdict(), v.reason()));
      into.put(name, v.verdict());
    };
  }

  private static List<String> names(List<CookieHeader.Pair> pairs) {
    return pairs.stream().map(CookieHeader.Pair::name).filter(n -> !n.isEmpty()).distinct().toList();
  }
}
