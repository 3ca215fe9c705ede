package authdoctor.cookie;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether one cookie of the jar goes with a request (or into {@code document.cookie}), and why not.
 *
 * @param exclusions Chromium's reasons (empty when sent)
 * @param finding the catalog id explaining why it was not sent, null when sent or unexplained
 * @param otherPartition true for a partitioned cookie of another partition: Chromium does not even
 *     consider it, so there is no exclusion reason; the finding is {@code cookie.third-party-context}
 * @param schemefulOnly true when a SameSite exclusion happened only because of schemeful same-site
 */
public record CookieDecision(
    StoredCookie cookie,
    boolean sent,
    List<ExclusionReason> exclusions,
    List<WarningReason> warnings,
    @Nullable String finding,
    boolean otherPartition,
    boolean schemefulOnly) {
  public CookieDecision {
    requireNonNull(cookie);
    exclusions = List.copyOf(exclusions);
    warnings = List.copyOf(warnings);
  }

  /** The DevTools {@code Network.CookieBlockedReason} values for the exclusions that have one. */
  public List<String> devtoolsReasons() {
    List<String> out = new ArrayList<>();
    for (ExclusionReason r : exclusions) {
      String s = r.devtoolsReason(false);
      if (s != null) out.add(s);
    }
    return out;
  }

  /** Why a cookie was not sent, in one word: Chromium's first exclusion reason, or {@code other partition}. */
  public String reason() {
    return exclusions.isEmpty() ? "other partition" : exclusions.get(0).name();
  }
}
