package authdoctor.report.trace;

import authdoctor.collect.browser.DevtoolsReasons;
import authdoctor.collect.browser.SendOutcome;
import authdoctor.collect.browser.StoreOutcome;
import authdoctor.collect.cookie.BrowserComparison;
import authdoctor.cookie.CookieDecision;
import authdoctor.cookie.SetResult;
import org.jspecify.annotations.Nullable;

/**
 * The text line under each cookie of the trace when a browser replayed the scenario: what the browser
 * did and whether the model agrees, e.g. {@code browser: stored ✓ (agrees)} or {@code browser: blocked
 * SameSiteLax ✗ (model says sent)}.
 */
final class BrowserText {
  private BrowserText() {}

  static String store(BrowserComparison.@Nullable StorePair pair, @Nullable String note) {
    if (pair == null || pair.browser() == null) return "browser: no answer" + (note == null ? "" : " (" + note + ")");
    StoreOutcome o = pair.browser();
    String what;
    if (!o.stored()) what = "blocked " + reasons(o.reasons()) + " ✗";
    else if (o.inJar()) what = "stored ✓";
    else what = "accepted, not in the jar (expired, or refused without a reason)";
    return "browser: " + what + " " + verdict(pair.agree(), model(pair.model()));
  }

  static String send(BrowserComparison.@Nullable SendPair pair, @Nullable String note) {
    if (note != null) return "browser: no answer (" + note + ")";
    if (pair == null || pair.browser() == null) {
      if (pair != null && Boolean.FALSE.equals(pair.agree())) return "browser: did not send it ✗ (model says sent)";
      return "browser: not considered (Chromium reports only cookies of the request's site)";
    }
    SendOutcome o = pair.browser();
    String what = o.sent() ? "sent ✓" : "blocked " + (o.reasons().isEmpty() ? "(no reason)" : reasons(o.reasons())) + " ✗";
    return "browser: " + what + " " + verdict(pair.agree(), model(pair.model()));
  }

  private static String reasons(java.util.List<String> reasons) {
    return String.join(", ", reasons.stream().map(DevtoolsReasons::normalize).toList());
  }

  private static String verdict(@Nullable Boolean agree, String model) {
    if (agree == null) return "(not comparable)";
    return agree ? "(agrees)" : "(model says " + model + ")";
  }

  private static String model(@Nullable SetResult r) {
    if (r == null) return "nothing";
    if (r.deleted() != null && r.exclusions().isEmpty()) return "deleted";
    return r.stored() ? "stored" : "not stored";
  }

  private static String model(@Nullable CookieDecision d) {
    if (d == null) return "it is not in the jar";
    return d.sent() ? "sent" : "withheld";
  }
}
