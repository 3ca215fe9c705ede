package authdoctor.differential;

import authdoctor.collect.browser.BrowserRun;
import authdoctor.collect.browser.BrowserStep;
import authdoctor.collect.browser.DevtoolsReasons;
import authdoctor.collect.browser.JarCookie;
import authdoctor.collect.cookie.BrowserComparison;
import authdoctor.collect.cookie.BrowserComparison.SendPair;
import authdoctor.collect.cookie.BrowserComparison.StorePair;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.cookie.SameSite;
import authdoctor.cookie.StoredCookie;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Judges one case: every comparable aspect of the model's answer against Chromium's, tallied per family,
 * with a one-line description of each disagreement (names, attributes and reasons; never a value).
 */
final class Agreement {
  /** What is compared. */
  enum Aspect {
    /** Whether a Set-Cookie line ends up in the jar. */
    STORE,
    /** Whether a cookie goes with a request. */
    SEND,
    /** The {@code Cookie} header the server received: the same names in the same order. */
    HEADER,
    /** Whether an already-expired line is accepted (it removes, or misses, the old cookie). */
    DELETE,
    /** Chromium's reasons for a refusal, {@code Schemeful} prefix removed. */
    REASONS,
    /** The catalog id the reasons map to. */
    FINDING,
    /**
     * The jar at the end: the same cookies (name, domain, path) with the same attributes, and the same
     * expiry to the minute (two clocks).
     */
    JAR
  }

  record Disagreement(String caseId, String family, Aspect aspect, String detail) {
    @Override
    public String toString() {
      return caseId + " | " + aspect.name().toLowerCase(Locale.ROOT) + " | " + detail;
    }
  }

  private final Map<String, Map<Aspect, int[]>> tally = new TreeMap<>();
  private final Map<String, Integer> cases = new TreeMap<>();
  private final List<Disagreement> disagreements = new ArrayList<>();
  private int notComparable;

  List<Disagreement> disagreements() {
    return disagreements;
  }

  int notComparable() {
    return notComparable;
  }

  private void count(DiffCase c, Aspect a, boolean agree, String detail) {
    int[] t = tally.computeIfAbsent(c.family(), f -> new EnumMap<>(Aspect.class)).computeIfAbsent(a, x -> new int[2]);
    t[1]++;
    if (agree) t[0]++;
    else disagreements.add(new Disagreement(c.id(), c.family(), a, detail));
  }

  void judge(DiffCase c, BrowserComparison.Result result, ScenarioReplay.Replay model, BrowserRun run) {
    cases.merge(c.family(), 1, Integer::sum);
    for (BrowserComparison.Pair p : result.pairs()) {
      if (p.agree() == null) {
        notComparable++;
        continue;
      }
      switch (p) {
        case StorePair s -> store(c, s);
        case SendPair s -> send(c, s);
      }
    }
    header(c, model.observations(), run);
    if (result.notes().isEmpty()) jar(c, model.jar().cookies(), run.jar());
  }

  private void header(DiffCase c, List<Observation> model, BrowserRun run) {
    for (BrowserStep step : run.steps()) {
      if (!(step instanceof BrowserStep.Request q)) continue;
      List<String> sent = List.of();
      for (Observation o : model) {
        if (o instanceof CookieSendEvent e && e.step() == q.step()) sent = e.result().sent().stream().map(StoredCookie::name).toList();
      }
      count(c, Aspect.HEADER, sent.equals(q.receivedCookieNames()),
          "step " + q.step() + " Cookie header: model " + sent + ", browser " + q.receivedCookieNames());
    }
  }

  private void store(DiffCase c, StorePair s) {
    String where = "step " + s.step() + " line " + s.line() + " " + s.name() + ": ";
    if (s.model() == null || s.browser() == null) {
      count(c, Aspect.STORE, false, where + (s.model() == null ? "only the browser" : "only the model") + " has this line");
      return;
    }
    List<String> modelReasons = normalized(s.model().devtoolsReasons());
    List<String> browserReasons = normalized(s.browser().reasons());
    String both = "model " + (s.model().stored() ? "stored" : "refused " + s.model().exclusions()) + ", browser "
        + (Boolean.TRUE.equals(s.browserStored()) ? "stored" : s.browser().stored() ? "accepted, not in jar" : "blocked " + s.browser().reasons());
    if (s.model().deleted() != null && s.model().exclusions().isEmpty()) {
      count(c, Aspect.DELETE, Boolean.TRUE.equals(s.agree()), where + "expired line: " + both);
      return;
    }
    count(c, Aspect.STORE, Boolean.TRUE.equals(s.agree()), where + both);
    if (Boolean.TRUE.equals(s.agree()) && !s.model().stored()) {
      count(c, Aspect.REASONS, modelReasons.equals(browserReasons), where + "model " + modelReasons + ", browser " + browserReasons);
      if (!browserReasons.isEmpty()) {
        count(c, Aspect.FINDING, Objects.equals(s.model().finding(), s.browserFinding()),
            where + "model " + s.model().finding() + ", browser " + s.browserFinding());
      }
    }
  }

  private void send(DiffCase c, SendPair s) {
    String where = "step " + s.step() + " " + s.name() + " (" + s.domain() + s.path() + "): ";
    if (s.model() == null || s.browser() == null) {
      count(c, Aspect.SEND, false, where + (s.model() == null ? "only the browser considered it: " + (s.browser().sent() ? "sent" : "withheld " + s.browser().reasons()) : "model sends it, the browser does not list it"));
      return;
    }
    List<String> modelReasons = normalized(s.model().devtoolsReasons());
    List<String> browserReasons = normalized(s.browser().reasons());
    count(c, Aspect.SEND, Boolean.TRUE.equals(s.agree()),
        where + "model " + (s.model().sent() ? "sent" : "withheld " + s.model().exclusions()) + ", browser " + (s.browser().sent() ? "sent" : "withheld " + s.browser().reasons()));
    if (Boolean.TRUE.equals(s.agree()) && !s.model().sent()) {
      count(c, Aspect.REASONS, modelReasons.equals(browserReasons), where + "model " + modelReasons + ", browser " + browserReasons);
      if (!browserReasons.isEmpty()) {
        count(c, Aspect.FINDING, Objects.equals(s.model().finding(), s.browserFinding()),
            where + "model " + s.model().finding() + ", browser " + s.browserFinding());
      }
    }
  }

  private void jar(DiffCase c, List<StoredCookie> model, List<JarCookie> browser) {
    TreeSet<String> m = new TreeSet<>();
    for (StoredCookie k : model) m.add(describe(k.name(), k.domain(), k.path(), k.secure(), k.httpOnly(), sameSite(k.sameSite()), k.partitioned(), k.expiry() == null));
    TreeSet<String> b = new TreeSet<>();
    for (JarCookie k : browser) b.add(describe(k.name(), k.domain(), k.path(), k.secure(), k.httpOnly(), k.sameSite(), k.partitionKey() != null, k.session()));
    if (!m.equals(b)) {
      count(c, Aspect.JAR, false, "model " + m + ", browser " + b);
      return;
    }
    List<String> expiries = new ArrayList<>();
    for (StoredCookie k : model) {
      for (JarCookie j : browser) {
        if (!j.name().equals(k.name()) || !j.domain().equals(k.domain()) || !j.path().equals(k.path())) continue;
        if (k.expiry() != null && j.expires() != null && Duration.between(k.expiry(), j.expires()).abs().compareTo(Duration.ofMinutes(1)) >= 0) {
          expiries.add(k.name() + "@" + k.domain() + k.path() + " expires: model " + k.expiry() + ", browser " + j.expires());
        }
      }
    }
    count(c, Aspect.JAR, expiries.isEmpty(), String.join("; ", expiries));
  }

  private static String describe(String name, String domain, String path, boolean secure, boolean httpOnly, String sameSite, boolean partitioned, boolean session) {
    return name + "@" + domain + path + (secure ? " Secure" : "") + (httpOnly ? " HttpOnly" : "") + (sameSite.isEmpty() ? "" : " SameSite=" + sameSite)
        + (partitioned ? " Partitioned" : "") + (session ? "" : " persistent");
  }

  private static String sameSite(SameSite s) {
    return switch (s) {
      case UNSPECIFIED -> "";
      case NONE -> "None";
      case LAX -> "Lax";
      case STRICT -> "Strict";
    };
  }

  private static List<String> normalized(List<String> reasons) {
    return reasons.stream().map(DevtoolsReasons::normalize).sorted().distinct().toList();
  }

  /**
   * The agreement table: per family, agreeing/compared per aspect, and how many of the disagreements
   * are allow-listed.
   */
  String table(java.util.function.Predicate<Disagreement> allowed) {
    Map<String, Map<Aspect, Integer>> allowedCounts = new TreeMap<>();
    for (Disagreement d : disagreements) {
      if (allowed.test(d)) allowedCounts.computeIfAbsent(d.family(), f -> new EnumMap<>(Aspect.class)).merge(d.aspect(), 1, Integer::sum);
    }
    int[] allowedTotal = new int[Aspect.values().length];
    StringBuilder sb = new StringBuilder("| family | cases |");
    for (Aspect a : Aspect.values()) sb.append(' ').append(a.name().toLowerCase(Locale.ROOT)).append(" |");
    sb.append("\n|---|---:|");
    for (Aspect ignored : Aspect.values()) sb.append("---:|");
    sb.append('\n');
    int[][] total = new int[Aspect.values().length][2];
    int allCases = 0;
    for (Map.Entry<String, Map<Aspect, int[]>> e : tally.entrySet()) {
      int n = cases.getOrDefault(e.getKey(), 0);
      allCases += n;
      sb.append("| ").append(e.getKey()).append(" | ").append(n).append(" |");
      for (Aspect a : Aspect.values()) {
        int[] t = e.getValue().get(a);
        int a2 = allowedCounts.getOrDefault(e.getKey(), Map.of()).getOrDefault(a, 0);
        allowedTotal[a.ordinal()] += a2;
        sb.append(' ').append(cell(t)).append(a2 == 0 ? "" : " (" + a2 + " allowed)").append(" |");
        if (t != null) {
          total[a.ordinal()][0] += t[0];
          total[a.ordinal()][1] += t[1];
        }
      }
      sb.append('\n');
    }
    sb.append("| **all** | ").append(allCases).append(" |");
    for (Aspect a : Aspect.values()) {
      int a2 = allowedTotal[a.ordinal()];
      sb.append(" **").append(cell(total[a.ordinal()])).append("**").append(a2 == 0 ? "" : " (" + a2 + " allowed)").append(" |");
    }
    return sb.append('\n').toString();
  }

  private static String cell(int @Nullable [] t) {
    if (t == null || t[1] == 0) return "–";
    return t[0] + "/" + t[1];
  }
}
