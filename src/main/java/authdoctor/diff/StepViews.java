package authdoctor.diff;

import authdoctor.Redactor;
import authdoctor.cookie.CookieDecision;
import authdoctor.internal.Hosts;
import authdoctor.cookie.ParsedCookie;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.SameSite;
import authdoctor.cookie.SetResult;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observation;
import authdoctor.observation.SessionCheck;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One probe run's observations reduced, per HTTP step, to the facts that can differ between two
 * deployments of one app: the response, where it redirects relative to the target's own origin, the
 * auth-relevant headers, each cookie's attributes and the browser's verdict, the cookies sent or
 * withheld, and whether the user was signed in. Cookie values are never part of a fact.
 */
public final class StepViews {
  static final String RESPONSE = "response";
  static final String LOCATION = "Location";
  static final String SESSION = "session";
  static final String SENT = "cookies sent";

  /** Response headers compared (Location and Set-Cookie have their own facts). */
  private static final List<String> HEADERS = List.of("Strict-Transport-Security", "Access-Control-Allow-Origin",
      "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers", "Access-Control-Allow-Methods",
      "WWW-Authenticate", "Vary", "Cache-Control");

  private StepViews() {}

  /** The HTTP steps of one run, in step order. */
  public static List<StepView> of(URI base, List<Observation> observations, Redactor redactor) {
    Map<Integer, Map<String, CookieSetEvent>> sets = new HashMap<>();
    Map<Integer, CookieSendEvent> sends = new HashMap<>();
    Map<Integer, SessionCheck> sessions = new HashMap<>();
    List<HttpExchange> exchanges = new ArrayList<>();
    for (Observation o : observations) {
      switch (o) {
        case HttpExchange x -> exchanges.add(x);
        case CookieSetEvent e -> sets.computeIfAbsent(e.step(), k -> new LinkedHashMap<>()).put(e.result().name(), e);
        case CookieSendEvent e -> sends.put(e.step(), e);
        case SessionCheck s -> sessions.put(s.step(), s);
        default -> {}
      }
    }
    exchanges.sort(Comparator.comparingInt(HttpExchange::step));
    List<StepView> views = new ArrayList<>();
    for (HttpExchange x : exchanges) {
      List<Fact> facts = new ArrayList<>();
      facts.add(response(x, redactor));
      x.responseHeader(LOCATION).ifPresent(l -> facts.add(location(x, l, base, redactor)));
      for (String h : HEADERS) header(x, h, base, redactor, facts);
      for (CookieSetEvent e : sets.getOrDefault(x.step(), Map.of()).values()) cookie(x, e.result(), facts);
      CookieSendEvent send = sends.get(x.step());
      if (send != null) sent(x, send, facts);
      SessionCheck s = sessions.get(x.step());
      if (s != null) facts.add(session(s, redactor));
      views.add(new StepView(x.step(), x.label(), x.method(), redactor.url(x.url().toString()), facts));
    }
    return views;
  }

  private static Fact response(HttpExchange x, Redactor redactor) {
    if (!x.answered()) {
      return new Fact(RESPONSE, "no response (" + redactor.scrub(String.valueOf(x.error())) + ")", "no response", true);
    }
    return new Fact(RESPONSE, String.valueOf(x.status()), String.valueOf(x.status()), true);
  }

  /** Where a redirect goes, relative to the target's own public origin. */
  private static Fact location(HttpExchange x, String value, URI base, Redactor redactor) {
    String shown = redactor.url(value);
    URI to;
    try {
      to = x.url().resolve(value.strip());
    } catch (IllegalArgumentException e) {
      return new Fact(LOCATION, shown + " (not a URL)", "invalid", false);
    }
    String path = pathOf(to);
    if (to.normalize().equals(x.url().normalize())) {
      return new Fact(LOCATION, path + " (the URL just requested: a loop)", "itself", false);
    }
    if (Hosts.sameOrigin(to, base)) return new Fact(LOCATION, path, path, false);
    String scheme = String.valueOf(to.getScheme()).toLowerCase(Locale.ROOT);
    if (to.getHost() != null && to.getHost().equalsIgnoreCase(base.getHost())) {
      boolean otherScheme = !scheme.equalsIgnoreCase(base.getScheme());
      String why = otherScheme ? "plain " + scheme + ", its public URL is " + base.getScheme() : "another port";
      return new Fact(LOCATION, shown + " (" + why + ")", "own host, " + scheme + " port " + Hosts.port(to) + " " + path, false);
    }
    // Another origin: the same provider on both sides compares equal; an internal host does not.
    return new Fact(LOCATION, shown + " (another origin)", "origin " + Hosts.origin(to) + path, false);
  }

  private static void header(HttpExchange x, String name, URI base, Redactor redactor, List<Fact> facts) {
    List<String> values = x.responseHeaders(name);
    String aspect = "header " + name;
    boolean https = "https".equalsIgnoreCase(x.url().getScheme());
    if (name.equals("Strict-Transport-Security") && !https) {
      // Browsers ignore HSTS over plain http: nothing to compare with an https target.
      facts.add(new Fact(aspect, values.isEmpty() ? "(plain http)" : "ignored over http", null, false));
      return;
    }
    if (values.isEmpty()) return;
    String joined = String.join(", ", values);
    String compared = switch (name) {
      case "Vary" -> tokens(joined, List.of("origin", "cookie", "authorization", "*"));
      case "Cache-Control" -> tokens(joined.replaceAll("=[^,]*", ""),
          List.of("public", "private", "no-store", "no-cache", "max-age", "s-maxage"));
      default -> ownOriginReplaced(joined, base).toLowerCase(Locale.ROOT);
    };
    if (compared.isEmpty()) return; // only tokens that change nothing for auth
    facts.add(new Fact(aspect, redactor.headerValue(name, joined), compared, false));
  }

  private static void cookie(HttpExchange x, SetResult r, List<Fact> facts) {
    String n = "cookie " + r.name();
    String verdict = r.verdict();
    facts.add(new Fact(n, verdict + (r.finding() == null ? "" : " → " + r.finding()), verdict, true));
    ParsedCookie p = r.parsed();
    facts.add(flag(n + " Secure", p.secure(), "Secure"));
    facts.add(flag(n + " HttpOnly", p.httpOnly(), "HttpOnly"));
    String sameSite = p.sameSite() == SameSite.UNSPECIFIED ? "(not set)" : "SameSite=" + label(p.sameSite());
    facts.add(new Fact(n + " SameSite", sameSite, sameSite, false));
    facts.add(domain(n, p, x.url()));
    String path = p.path() == null ? "(not set)" : "Path=" + p.path();
    facts.add(new Fact(n + " Path", path, path, false));
    String lifetime = p.maxAge() != null ? "Max-Age=" + p.maxAge() : p.expires() != null ? "Expires=" + p.expires() : "session";
    facts.add(new Fact(n + " lifetime", lifetime, p.maxAge() == null && p.expires() == null ? "session" : "persistent", false));
    facts.add(flag(n + " Partitioned", p.partitioned(), "Partitioned"));
  }

  private static Fact domain(String n, ParsedCookie p, URI url) {
    String aspect = n + " Domain";
    if (p.domain() == null) return new Fact(aspect, "(host-only)", "host-only", false);
    String d = p.domain().startsWith(".") ? p.domain().substring(1) : p.domain();
    String host = String.valueOf(url.getHost()).toLowerCase(Locale.ROOT);
    d = d.toLowerCase(Locale.ROOT);
    String kind = d.equals(host) ? "the host" : host.endsWith("." + d) ? "a parent domain" : "another domain";
    return new Fact(aspect, "Domain=" + p.domain() + " (" + kind + ")", kind, false);
  }

  private static void sent(HttpExchange x, CookieSendEvent send, List<Fact> facts) {
    TreeSet<String> names = new TreeSet<>();
    for (CookieDecision d : send.result().decisions()) {
      if (d.sent()) {
        names.add(d.cookie().name());
      } else if (Relevance.concerns(d.cookie(), x.url())) {
        String why = d.reason();
        facts.add(new Fact("cookie " + d.cookie().name() + " withheld",
            why + (d.finding() == null ? "" : " → " + d.finding()), why, true));
      }
    }
    String list = names.isEmpty() ? "(none)" : String.join(", ", names);
    facts.add(new Fact(SENT, list, list, true));
  }

  private static Fact session(SessionCheck s, Redactor redactor) {
    String word = s.verdict().word();
    return new Fact(SESSION, word + " (" + redactor.scrub(s.reason()) + ")", word, true);
  }

  private static Fact flag(String aspect, boolean set, String name) {
    return new Fact(aspect, set ? name : Difference.NONE, set ? name : "", false);
  }

  private static String label(SameSite s) {
    String n = s.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  /** The tokens of a comma-separated header that matter, lower-cased and sorted. */
  private static String tokens(String value, List<String> keep) {
    TreeSet<String> t = new TreeSet<>();
    for (String s : value.split(",")) {
      String v = s.strip().toLowerCase(Locale.ROOT);
      if (keep.contains(v)) t.add(v);
    }
    return String.join(", ", t);
  }

  private static String ownOriginReplaced(String value, URI base) {
    return value.replace(Hosts.origin(base), "{origin}").replace(String.valueOf(base.getHost()), "{host}");
  }

  /** Path and the names of the query parameters (their values — state, code, next — differ per run). */
  private static String pathOf(URI u) {
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    String q = u.getRawQuery();
    if (q == null) return path;
    String[] names = Arrays.stream(q.split("&")).map(p -> p.contains("=") ? p.substring(0, p.indexOf('=')) : p)
        .sorted().toArray(String[]::new);
    return path + "?" + String.join("&", names);
  }

}
