package authdoctor.differential;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.RequestStep;
import authdoctor.scenario.ResponseStep;
import authdoctor.scenario.Step;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One differential case: a scenario both the cookie model and Chromium replay. {@code id} is stable (the
 * allow-list names cases by it); {@code family} groups cases in the agreement table.
 */
record DiffCase(String id, String family, CookieScenario scenario) {
  DiffCase {
    requireNonNull(id);
    requireNonNull(family);
    requireNonNull(scenario);
  }

  /**
   * How a request (or the request a response answers) is started, relative to the site {@code
   * *.example.com}: who initiates it, in which context, with which method.
   */
  enum Kind {
    TYPED("GET", Context.NAVIGATION, null),
    SAME_SITE_LINK("GET", Context.NAVIGATION, "https://www.example.com"),
    CROSS_SITE_LINK("GET", Context.NAVIGATION, "https://other.example.net"),
    CROSS_SITE_POST("POST", Context.NAVIGATION, "https://other.example.net"),
    SAME_SITE_FETCH("GET", Context.SUBRESOURCE, "https://www.example.com"),
    CROSS_SITE_FETCH("GET", Context.SUBRESOURCE, "https://other.example.net"),
    CROSS_SITE_FETCH_POST("POST", Context.SUBRESOURCE, "https://other.example.net"),
    CROSS_SITE_IFRAME("GET", Context.IFRAME, "https://other.example.net"),
    /** Same registrable domain, other scheme: cross-site under schemeful same-site. */
    SCHEMEFUL_LINK("GET", Context.NAVIGATION, "http://www.example.com"),
    SCHEMEFUL_FETCH("GET", Context.SUBRESOURCE, "http://www.example.com");

    final String method;
    final Context context;
    final @Nullable String from;

    Kind(String method, Context context, @Nullable String from) {
      this.method = method;
      this.context = context;
      this.from = from;
    }

    /**
     * The initiator for a target of {@code scheme}: an https page cannot fetch or frame an http URL
     * (mixed content, never sent), so for http targets cross-site initiators are http pages and the
     * schemeful ones are https pages.
     */
    @Nullable URI from(String scheme) {
      if (from == null) return null;
      if (!scheme.equals("http")) return URI.create(from);
      String swapped =
          from.startsWith("https:") ? "http:" + from.substring(6) : "https:" + from.substring(5);
      return URI.create(swapped);
    }

    /** Whether Chromium can start this kind of request to a {@code scheme} URL at all. */
    boolean possibleFor(String scheme) {
      // An http fetch or frame from an https page is mixed content: blocked before the network.
      return !(scheme.equals("http") && (this == SCHEMEFUL_FETCH));
    }
  }

  /** Builds the steps of a case. */
  static final class Builder {
    private final String id;
    private final String family;
    private ThirdPartyCookies policy = ThirdPartyCookies.ALLOWED;
    private final List<Step> steps = new ArrayList<>();

    Builder(String family, String id) {
      this.family = family;
      this.id = family + "/" + id;
    }

    Builder policy(ThirdPartyCookies p) {
      policy = p;
      return this;
    }

    Builder set(String url, String... lines) {
      return set(url, Kind.TYPED, lines);
    }

    Builder set(String url, Kind kind, String... lines) {
      URI u = URI.create(url);
      steps.add(new ResponseStep(u, kind.method, kind.context, kind.from(u.getScheme()), Duration.ZERO, List.of(lines), null));
      return this;
    }

    Builder setFrom(String url, String method, Context context, String from, String... lines) {
      steps.add(new ResponseStep(URI.create(url), method, context, URI.create(from), Duration.ZERO, List.of(lines), null));
      return this;
    }

    Builder get(String url) {
      return get(url, Kind.TYPED);
    }

    Builder get(String url, Kind kind) {
      URI u = URI.create(url);
      steps.add(new RequestStep(u, kind.method, kind.context, kind.from(u.getScheme()), Duration.ZERO));
      return this;
    }

    Builder getFrom(String url, String method, Context context, String from) {
      steps.add(new RequestStep(URI.create(url), method, context, URI.create(from), Duration.ZERO));
      return this;
    }

    DiffCase build() {
      return new DiffCase(id, family, new CookieScenario(policy, steps));
    }
  }
}
