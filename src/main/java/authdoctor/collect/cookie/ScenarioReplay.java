package authdoctor.collect.cookie;

import authdoctor.cookie.Context;
import authdoctor.cookie.CookieJar;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SendResult;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.internal.SteppingClock;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
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
    ThirdPartyCookies policy = scenario.thirdPartyCookies();
    CookieJar jar = new CookieJar(clock, policy);
    List<Observation> out = new ArrayList<>();
    int n = 0;
    for (Step step : scenario.steps()) {
      n++;
      switch (step) {
        case ResponseStep r -> {
          clock.advance(r.after());
          RequestContext ctx = context(r.method(), r.context(), r.from());
          List<SetResult> results = jar.receive(r.url(), r.setCookie(), ctx, r.date());
          for (int i = 0; i < results.size(); i++) {
            out.add(new CookieSetEvent(n, r.url(), ctx, r.setCookie().get(i), results.get(i)));
          }
        }
        case RequestStep q -> {
          clock.advance(q.after());
          RequestContext ctx = context(q.method(), q.context(), q.from());
          SendResult sent = jar.send(q.url(), ctx);
          out.add(new CookieSendEvent(n, q.url(), ctx, true, sent));
        }
      }
    }
    return new Replay(out, jar);
  }

  /** The model's request context for a step: who started it, in which context, with which method. */
  public static RequestContext context(String method, Context context, @Nullable URI from) {
    return switch (context) {
      case NAVIGATION -> from == null ? RequestContext.typed(method) : RequestContext.navigation(method, from);
      case SUBRESOURCE -> RequestContext.subresource(method, requireFrom(from, "subresource"));
      case IFRAME -> RequestContext.iframe(requireFrom(from, "iframe"));
    };
  }

  private static URI requireFrom(@Nullable URI from, String context) {
    if (from == null) throw new IllegalArgumentException("a " + context + " request needs 'from': the page that loads it");
    return from;
  }

}
