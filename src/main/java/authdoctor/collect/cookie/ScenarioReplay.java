package authdoctor.collect.cookie;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.BrowserSession;
import authdoctor.collect.browsing.RequestKind;
import authdoctor.cookie.Context;
import authdoctor.cookie.CookieJar;
import authdoctor.cookie.RequestContext;
import authdoctor.internal.SteppingClock;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.Observation;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.RequestStep;
import authdoctor.scenario.ResponseStep;
import authdoctor.scenario.Step;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Replays a cookie scenario through the browser cookie model: each response's {@code Set-Cookie}
 * lines go into one jar, each request asks it what the browser would send. Time stands still between
 * steps except for each step's {@code after}. Produces one observation per Set-Cookie line and per
 * request, numbered by step.
 */
public final class ScenarioReplay {
  private ScenarioReplay() {}

  /** The observations of one replay, in step order. */
  public record Replay(List<Observation> observations, CookieJar jar) {
    public Replay {
      observations = List.copyOf(observations);
    }
  }

  public static Replay run(CookieScenario scenario, Instant start) {
    SteppingClock clock = new SteppingClock(start);
    BrowserSession browser = new BrowserSession(clock, scenario.thirdPartyCookies());
    List<Observation> out = new ArrayList<>();
    int n = 0;
    for (Step step : scenario.steps()) {
      n++;
      switch (step) {
        case ResponseStep r -> {
          clock.advance(r.after());
          out.addAll(browser.response(n, r.url(), kind(r.method(), r.context(), r.from()), r.setCookie(), r.date()));
        }
        case RequestStep q -> {
          clock.advance(q.after());
          BrowserSession.Request sent = browser.request(n, q.url(), kind(q.method(), q.context(), q.from()), true);
          // A request is a step of its own even when the jar holds nothing to decide about.
          out.add(new CookieSendEvent(n, q.url(), requireNonNull(sent.context()), true, requireNonNull(sent.sent())));
        }
      }
    }
    return new Replay(out, browser.jar());
  }

  /** The model's request context for a step: who started it, in which context, with which method. */
  public static RequestContext context(String method, Context context, @Nullable URI from) {
    return requireNonNull(kind(method, context, from).cookieContext());
  }

  /** The request kind of a scenario step (a scenario says nothing of headers: no referrer is modelled). */
  static RequestKind kind(String method, Context context, @Nullable URI from) {
    return switch (context) {
      case NAVIGATION -> from == null ? RequestKind.Navigation.typed(method) : RequestKind.Navigation.link(method, from);
      case SUBRESOURCE -> new RequestKind.Fetch(method, requireFrom(from, "subresource"), RequestKind.Fetch.Mode.CORS,
          true, RequestKind.Referrer.NONE);
      case IFRAME -> new RequestKind.Iframe(requireFrom(from, "iframe"));
    };
  }

  private static URI requireFrom(@Nullable URI from, String context) {
    if (from == null) throw new IllegalArgumentException("a " + context + " request needs 'from': the page that loads it");
    return from;
  }
}
