package authdoctor.diff;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.observation.Observation;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compares two runs of the same flow: aligns their HTTP steps by the probe's labels (longest common
 * subsequence, so an extra redirect hop on one side does not shift the rest) and lists, per step, the
 * facts that differ once each side's own origin is factored out.
 */
public final class FlowDiff {
  /** Step aspect of a row only one target has. */
  static final String STEP = "step";

  private FlowDiff() {}

  /** One target's run: its public base URL and what the probe observed. */
  public record Side(String name, URI base, List<Observation> observations) {
    public Side {
      requireNonNull(name);
      requireNonNull(base);
      observations = List.copyOf(observations);
    }
  }

  public static Comparison compare(Side a, Side b, Redactor redactor) {
    return compare(StepViews.of(a.base(), a.observations(), redactor), StepViews.of(b.base(), b.observations(), redactor),
        a.base(), b.base());
  }

  static Comparison compare(List<StepView> stepsA, List<StepView> stepsB, URI baseA, URI baseB) {
    List<StepView> a = inFlowOrder(stepsA), b = inFlowOrder(stepsB);
    int n = a.size(), m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).label().equals(b.get(j).label()) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Row> rows = new ArrayList<>();
    int i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).label().equals(b.get(j).label())) {
        rows.add(row(a.get(i++), b.get(j++), baseA, baseB));
      } else if (j >= m || (i < n && (lcs[i + 1][j] > lcs[i][j + 1]
          || (lcs[i + 1][j] == lcs[i][j + 1] && !continues(b.get(j), rows))))) {
        rows.add(row(a.get(i++), null, baseA, baseB));
      } else {
        rows.add(row(null, b.get(j++), baseA, baseB));
      }
    }
    return new Comparison(rows);
  }

  private static final Pattern HOP = Pattern.compile(" \\(redirect \\d+\\)$");

  /** Whether {@code v} is a redirect hop of the request of the last row (it belongs right after it). */
  private static boolean continues(StepView v, List<Row> rows) {
    if (rows.isEmpty()) return false;
    String last = HOP.matcher(rows.get(rows.size() - 1).label()).replaceFirst("");
    return !v.label().equals(last) && HOP.matcher(v.label()).replaceFirst("").equals(last);
  }

  private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)(\\D*)$");

  /**
   * The steps in step order, except that a run of steps labelled alike but for a number ({@code refresh
   * 1} … {@code refresh 5}, sent at once, so numbered in whatever order they left) is put in label order.
   */
  static List<StepView> inFlowOrder(List<StepView> steps) {
    List<StepView> out = new ArrayList<>(steps);
    out.sort(Comparator.comparingInt(StepView::step));
    int i = 0;
    while (i < out.size()) {
      Matcher m = NUMBERED.matcher(out.get(i).label());
      int j = i + 1;
      if (m.matches()) {
        String stem = m.group(1) + "#" + m.group(3);
        while (j < out.size() && stem.equals(stem(out.get(j).label()))) j++;
        out.subList(i, j).sort(Comparator.comparingLong(v -> number(v.label())));
      }
      i = j;
    }
    return out;
  }

  private static @Nullable String stem(String label) {
    Matcher m = NUMBERED.matcher(label);
    return m.matches() ? m.group(1) + "#" + m.group(3) : null;
  }

  private static long number(String label) {
    Matcher m = NUMBERED.matcher(label);
    if (!m.matches()) return Long.MAX_VALUE;
    try {
      return Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Row row(@Nullable StepView a, @Nullable StepView b, URI baseA, URI baseB) {
    StepView any = a != null ? a : requireNonNull(b);
    if (a == null || b == null) {
      String made = any.method() + " " + any.url() + " → " + any.outcome();
      String none = "(not made)";
      return new Row(any.label(), a, b, List.of(new Difference(STEP, a == null ? none : made, b == null ? none : made, true, null)));
    }
    // Indexed once per step: a step with thousands of cookies is compared in linear time, not quadratic.
    Map<String, Fact> factsA = byAspect(a), factsB = byAspect(b);
    Set<String> aspects = new LinkedHashSet<>(factsA.keySet());
    aspects.addAll(factsB.keySet());
    List<Difference> diffs = new ArrayList<>();
    for (String aspect : aspects) {
      Fact fa = factsA.get(aspect), fb = factsB.get(aspect);
      if (fa != null && fb != null) {
        if (fa.compared() == null || fb.compared() == null || Objects.equals(fa.compared(), fb.compared())) continue;
      } else {
        Fact present = fa != null ? fa : requireNonNull(fb);
        // An attribute of a cookie only one side sets: the cookie's own verdict already says it.
        if (present.compared() == null || (!present.outcome() && !aspect.startsWith("header ") && !aspect.equals(StepViews.LOCATION))) continue;
      }
      boolean outcome = (fa != null && fa.outcome()) || (fb != null && fb.outcome());
      diffs.add(new Difference(aspect, fa == null ? Difference.NONE : fa.shown(), fb == null ? Difference.NONE : fb.shown(),
          outcome, expected(aspect, fa, fb, baseA, baseB)));
    }
    return new Row(a.label(), a, b, diffs);
  }

  /** A step's facts by aspect, the first of each (as {@link StepView#fact} answers), in display order. */
  private static Map<String, Fact> byAspect(StepView v) {
    Map<String, Fact> m = new LinkedHashMap<>();
    for (Fact f : v.facts()) m.putIfAbsent(f.aspect(), f);
    return m;
  }

  /** Why a difference follows from the targets alone: a Secure cookie only on the https one. */
  private static @Nullable String expected(String aspect, @Nullable Fact a, @Nullable Fact b, URI baseA, URI baseB) {
    if (!aspect.endsWith(" Secure") || !aspect.startsWith("cookie ")) return null;
    boolean httpsA = "https".equalsIgnoreCase(baseA.getScheme()), httpsB = "https".equalsIgnoreCase(baseB.getScheme());
    if (httpsA == httpsB) return null;
    Fact https = httpsA ? a : b;
    if (https == null || !"Secure".equals(https.compared())) return null;
    return (httpsA ? "B" : "A") + " is plain http, where browsers refuse Secure cookies";
  }
}
