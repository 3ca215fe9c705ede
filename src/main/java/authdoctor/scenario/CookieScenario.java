package authdoctor.scenario;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.ThirdPartyCookies;
import java.util.List;

/** A cookie scenario: an ordered list of responses and requests under one third-party cookie setting. */
public record CookieScenario(ThirdPartyCookies thirdPartyCookies, List<Step> steps) {
  public CookieScenario {
    requireNonNull(thirdPartyCookies);
    steps = List.copyOf(steps);
  }
}
