package authdoctor.collect.cookie;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browser.BrowserRun;
import authdoctor.collect.browser.BrowserStep;
import authdoctor.collect.browser.DevtoolsReasons;
import authdoctor.collect.browser.SendOutcome;
import authdoctor.collect.browser.StoreOutcome;
import authdoctor.cookie.CatalogIds;
import authdoctor.cookie.CookieDecision;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The cookie model's answers next to real Chromium's for one scenario: per step, each cookie paired
 * with what the browser did, and whether the two decisions agree.
 *
 * <p>Only comparable things are compared. A Set-Cookie line is "stored" in the browser when DevTools did
 * not block it and a cookie of that name is in the jar afterwards ({@link StoreOutcome#inJar()}), which
 * also covers exclusions DevTools does not report; an already-expired line (a deletion) agrees when the
 * browser did not block it, and so does a line whose name comes again later in the same response (the
 * jar after the response cannot tell about it). For a request, Chromium lists only the cookies of the request's site, so a
 * model cookie it does not list is compared only when the model says it is sent; a cookie of another
 * partition, which neither side considers, is not compared.
 */
public final class BrowserComparison {
  /** One cookie of one step: either side may be missing (null). {@code agree} is null when not comparable. */
  public sealed interface Pair {
    int step();

    String name();

    @Nullable Boolean agree();
  }

  /**
   * A Set-Cookie line: the model's result and the browser's.
   *
   * @param browserStored in the browser's jar after the response (not blocked and {@code inJar})
   */
  public record StorePair(
      int step, int line, String name, @Nullable SetResult model, @Nullable StoreOutcome browser, @Nullable Boolean agree)
      implements Pair {
    public StorePair {
      requireNonNull(name);
    }

    public @Nullable Boolean browserStored() {
      return browser == null ? null : browser.stored() && browser.inJar();
    }

    /** The catalog id of the browser's reasons (null when stored or unexplained). */
    public @Nullable String browserFinding() {
      if (browser == null) return null;
      boolean publicSuffix = model != null && CatalogIds.DOMAIN_PUBLIC_SUFFIX.equals(model.finding());
      return DevtoolsReasons.finding(browser.reasons(), true, publicSuffix);
    }
  }

  /** A cookie a request could carry: the model's decision and the browser's. */
  public record SendPair(
      int step,
      String name,
      String domain,
      String path,
      @Nullable CookieDecision model,
      @Nullable SendOutcome browser,
      @Nullable Boolean agree)
      implements Pair {
    public SendPair {
      requireNonNull(name);
      requireNonNull(domain);
      requireNonNull(path);
    }

    public @Nullable String browserFinding() {
      return browser == null ? null : DevtoolsReasons.finding(browser.reasons(), false, false);
    }
  }

  /**
   * The comparison of one scenario: the pairs in step order, and a note per step the browser could not
   * answer (not replayed, or the request never reached the network).
   */
  public record Result(String browserVersion, List<Pair> pairs, Map<Integer, String> notes) {
    public Result {
      requireNonNull(browserVersion);
      pairs = List.copyOf(pairs);
      notes = Map.copyOf(notes);
    }

    public List<Pair> step(int step) {
      return pairs.stream().filter(p -> p.step() == step).toList();
    }

    /** Pairs whose decisions differ. */
    public List<Pair> disagreements() {
      return pairs.stream().filter(p -> Boolean.FALSE.equals(p.agree())).toList();
    }
  }

  private BrowserComparison() {}

  /** Pairs the model's observations of a scenario (from {@link ScenarioReplay}) with the browser's run of it. */
  public static Result compare(List<Observation> model, BrowserRun run) {
    Map<Integer, List<CookieSetEvent>> sets = new LinkedHashMap<>();
    Map<Integer, CookieSendEvent> sends = new LinkedHashMap<>();
    for (Observation o : model) {
      if (o instanceof CookieSetEvent e) sets.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
      if (o instanceof CookieSendEvent e) sends.put(e.step(), e);
    }
    List<Pair> pairs = new ArrayList<>();
    Map<Integer, String> notes = new LinkedHashMap<>();
    for (BrowserStep b : run.steps()) {
      int step = b.step();
      switch (b) {
        case BrowserStep.Response r -> {
          List<CookieSetEvent> events = sets.getOrDefault(step, List.of());
          int n = Math.max(events.size(), r.cookies().size());
          for (int i = 0; i < n; i++) {
            SetResult m = i < events.size() ? events.get(i).result() : null;
            StoreOutcome o = i < r.cookies().size() ? r.cookies().get(i) : null;
            String name = m != null ? m.name() : o.name();
            boolean repeated = false;
            for (int j = i + 1; j < r.cookies().size(); j++) repeated |= r.cookies().get(j).name().equals(name);
            pairs.add(new StorePair(step, i, name, m, o, repeated ? blockAgrees(m, o) : storeAgrees(m, o)));
          }
        }
        case BrowserStep.Request q -> {
          CookieSendEvent e = sends.get(step);
          pairs.addAll(sendPairs(step, e == null ? List.of() : e.result().decisions(), q.cookies(), q.url()));
        }
        case BrowserStep.NotSent s -> {
          notes.put(step, "Chromium did not send the request (" + s.error().strip() + ")");
          unanswered(pairs, step, sets, sends);
        }
        case BrowserStep.NotReplayed s -> {
          notes.put(step, "not replayed in the browser: " + s.reason());
          unanswered(pairs, step, sets, sends);
        }
      }
    }
    return new Result(run.browserVersion(), pairs, notes);
  }

  private static void unanswered(
      List<Pair> pairs, int step, Map<Integer, List<CookieSetEvent>> sets, Map<Integer, CookieSendEvent> sends) {
    List<CookieSetEvent> events = sets.getOrDefault(step, List.of());
    for (int i = 0; i < events.size(); i++) {
      pairs.add(new StorePair(step, i, events.get(i).result().name(), events.get(i).result(), null, null));
    }
    CookieSendEvent e = sends.get(step);
    if (e != null) {
      for (CookieDecision d : e.result().decisions()) {
        StoredCookie c = d.cookie();
        pairs.add(new SendPair(step, c.name(), c.domain(), c.path(), d, null, null));
      }
    }
  }

  private static @Nullable Boolean storeAgrees(@Nullable SetResult m, @Nullable StoreOutcome o) {
    if (m == null || o == null) return false;
    // An already-expired line is accepted by Chromium and stores nothing; whether it removed the old
    // cookie shows in the requests and the jar that follow.
    if (m.deleted() != null && m.exclusions().isEmpty()) return o.stored();
    return m.stored() == (o.stored() && o.inJar());
  }

  /**
   * For a line whose name comes again later in the same response, the jar after the response says
   * nothing about this line: compare only whether the browser blocked it.
   */
  private static @Nullable Boolean blockAgrees(@Nullable SetResult m, @Nullable StoreOutcome o) {
    if (m == null || o == null) return false;
    boolean modelAccepted = m.stored() || (m.deleted() != null && m.exclusions().isEmpty());
    // An exclusion DevTools does not report looks like acceptance; only the jar could tell, and it
    // cannot for this line.
    if (!modelAccepted && m.devtoolsReasons().isEmpty()) return null;
    return modelAccepted == o.stored();
  }

  private static List<SendPair> sendPairs(int step, List<CookieDecision> model, List<SendOutcome> browser, URI url) {
    List<SendPair> out = new ArrayList<>();
    List<SendOutcome> left = new ArrayList<>(browser);
    for (CookieDecision d : model) {
      StoredCookie c = d.cookie();
      SendOutcome match = null;
      for (SendOutcome o : left) {
        if (o.name().equals(c.name()) && o.domain().equals(c.domain()) && o.path().equals(c.path())) {
          match = o;
          break;
        }
      }
      if (match != null) {
        left.remove(match);
        out.add(new SendPair(step, c.name(), c.domain(), c.path(), d, match, d.sent() == match.sent()));
      } else if (d.otherPartition()) {
        // Neither side considers a cookie of another partition.
        out.add(new SendPair(step, c.name(), c.domain(), c.path(), d, null, null));
      } else if (d.sent() || Relevance.concerns(c, url)) {
        // Chromium lists every cookie of the request's site, and every cookie it sends.
        out.add(new SendPair(step, c.name(), c.domain(), c.path(), d, null, false));
      } else {
        out.add(new SendPair(step, c.name(), c.domain(), c.path(), d, null, null));
      }
    }
    for (SendOutcome o : left) out.add(new SendPair(step, o.name(), o.domain(), o.path(), null, o, false));
    return out;
  }
}
