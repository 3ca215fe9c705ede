package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.check.CheckContext;
import authdoctor.checks.redirect.RedirectHttpsDowngrade;
import authdoctor.observation.Observations;
import authdoctor.cookie.CookieDecision;
import authdoctor.cookie.ExclusionReason;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the cookie model's decisions (recorded as {@link CookieSetEvent} and {@link CookieSendEvent})
 * into findings of one catalog id: one finding per cookie name, with the first few occurrences as
 * evidence. The model decides; the checks only select what their id covers.
 */
public final class CookieFindings {
  private CookieFindings() {}

  /** Set-Cookie lines whose model finding is the check's id (refused, expired, not deleting). */
  public static List<Finding> refusedSets(Observations o, CheckContext ctx) {
    return sets(o.of(CookieSetEvent.class), ctx, r -> ctx.id().equals(r.finding()));
  }

  /** As {@link #refusedSets(Observations, CheckContext)}, over events the check selected. */
  public static List<Finding> refusedSets(List<CookieSetEvent> events, CheckContext ctx) {
    return sets(events, ctx, r -> ctx.id().equals(r.finding()));
  }

  /** Set-Cookie lines the model stored but flags with the check's id as advice. */
  public static List<Finding> advice(Observations o, CheckContext ctx, Predicate<SetResult> also) {
    return advice(o.of(CookieSetEvent.class), ctx, also);
  }

  /** As {@link #advice(Observations, CheckContext, Predicate)}, over events the check selected. */
  public static List<Finding> advice(List<CookieSetEvent> events, CheckContext ctx, Predicate<SetResult> also) {
    return sets(events, ctx, r -> r.stored() && r.advice().contains(ctx.id()) && also.test(r));
  }

  private static List<Finding> sets(List<CookieSetEvent> events, CheckContext ctx, Predicate<SetResult> select) {
    Map<String, List<Evidence>> byName = new LinkedHashMap<>();
    for (CookieSetEvent e : events) {
      SetResult r = e.result();
      if (!select.test(r)) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("browser", r.stored() ? "stored" : Boolean.TRUE.equals(r.deleted()) ? "deleted" : "not stored");
      if (!r.exclusions().isEmpty()) facts.put("Chromium reasons", names(r.exclusions()));
      facts.put("response", e.request().method() + " " + ctx.redactor().url(e.url().toString()) + context(e.request()));
      add(byName, r.name(),
          ctx.evidence(e, "cookie", r.name(), ctx.redactor().header("Set-Cookie", e.line()), facts));
    }
    return findings(byName, ctx);
  }

  /**
   * Cookies the model withholds from a request for a reason the check's id covers. The hop after an https
   * → http redirect is left out: what it loses is {@code redirect.https-downgrade}'s evidence ({@link
   * RedirectHttpsDowngrade#hopsAfterDowngrade}), not a second finding; so are the identity provider's own
   * cookies on the app's requests ({@link ProviderCookies}): they were never meant for the app's host.
   */
  public static List<Finding> withheld(Observations o, CheckContext ctx) {
    Map<String, List<Evidence>> byName = new LinkedHashMap<>();
    Set<Integer> downgraded = RedirectHttpsDowngrade.hopsAfterDowngrade(o);
    ProviderCookies providers = ProviderCookies.of(o);
    for (CookieSendEvent e : o.of(CookieSendEvent.class)) {
      if (!e.needed()) continue; // a request that only asks "what would be sent" is not a broken flow
      if (downgraded.contains(e.step())) continue;
      for (CookieDecision d : e.result().decisions()) {
        if (d.sent() || !ctx.id().equals(d.finding()) || !Relevance.concerns(d.cookie(), e.url())) continue;
        if (providers.awayFromProvider(d.cookie(), e.url())) continue;
        StoredCookie c = d.cookie();
        Map<String, String> facts = new LinkedHashMap<>();
        if (!d.exclusions().isEmpty()) facts.put("Chromium reasons", names(d.exclusions()));
        facts.put("cookie scope", (c.hostOnly() ? "host-only " + c.domain() : "Domain=" + c.domainWithoutDot())
            + "; Path=" + c.path() + (c.secure() ? "; Secure" : "") + "; SameSite=" + sameSite(c.sameSite()));
        String text = "cookie " + display(c.name()) + " not sent with " + e.request().method() + " "
            + ctx.redactor().url(e.url().toString()) + context(e.request());
        add(byName, c.name(), ctx.evidence(e, "cookie", c.name(), ctx.redactor().plain(text), facts));
      }
    }
    return findings(byName, ctx);
  }

  /** Names that look like a CSRF token cookie, which JavaScript must be able to read. */
  public static boolean csrfCookie(String name) {
    return Relevance.csrfTokenName(name);
  }

  private static void add(Map<String, List<Evidence>> byName, String name, Evidence e) {
    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
  }

  private static List<Finding> findings(Map<String, List<Evidence>> byName, CheckContext ctx) {
    return byName.values().stream().map(all -> ctx.grouped(all, "time(s)")).toList();
  }

  private static String names(List<ExclusionReason> reasons) {
    return String.join(", ", reasons.stream().map(Enum::name).toList());
  }

  private static String sameSite(authdoctor.cookie.SameSite s) {
    return switch (s) {
      case NONE -> "None";
      case LAX -> "Lax";
      case STRICT -> "Strict";
      case UNSPECIFIED -> "unset (Lax by default)";
    };
  }

  private static String display(String name) {
    return name.isEmpty() ? "(nameless)" : name;
  }

  private static String context(authdoctor.cookie.RequestContext r) {
    return switch (r.context()) {
      case NAVIGATION -> r.from() == null ? " (typed navigation)" : " (navigation from " + r.from() + ")";
      case SUBRESOURCE -> " (subresource of " + r.topLevelPage() + ")";
      case IFRAME -> " (iframe in " + r.topLevelPage() + ")";
    };
  }
}
