package authdoctor.cookie;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the browser did with one {@code Set-Cookie} line (or {@code document.cookie} assignment).
 *
 * @param name the cookie name ("" for a nameless cookie)
 * @param stored whether the cookie is now in the jar
 * @param deleted for an already-expired line (a deletion): true if it removed the matching cookie,
 *     false if it removed nothing; null for a line that is not expired (or could not be parsed)
 * @param exclusions Chromium's exclusion reasons, all of them (empty when stored or merely deleting)
 * @param warnings Chromium's warning reasons
 * @param finding the one catalog id explaining a refusal (by the order of {@link
 *     CatalogIds#FINDING_ORDER}), {@code session.logout-cookie-not-cleared} or {@code
 *     cookie.expired-on-arrival} for deletions that miss, {@code cookie.too-large} for a stored
 *     cookie whose attribute over 1024 bytes was ignored; null when nothing went wrong
 * @param advice advisory catalog ids about the cookie as written ({@code cookie.not-httponly}, {@code
 *     cookie.not-secure}, {@code cookie.no-samesite}, {@code cookie.parent-domain-scope}); empty for
 *     deletions and unparsable lines
 * @param parsed the parsed line
 * @param cookie the cookie as stored, or as it would have been stored (null when it could not even be
 *     built, e.g. an invalid Domain)
 * @param schemefulOnly true when a SameSite exclusion happened only because of schemeful same-site
 *     (http vs https): DevTools then says {@code SchemefulSameSite…}
 */
public record SetResult(
    String name,
    boolean stored,
    @Nullable Boolean deleted,
    List<ExclusionReason> exclusions,
    List<WarningReason> warnings,
    @Nullable String finding,
    List<String> advice,
    ParsedCookie parsed,
    @Nullable StoredCookie cookie,
    boolean schemefulOnly) {
  public SetResult {
    requireNonNull(name);
    exclusions = List.copyOf(exclusions);
    warnings = List.copyOf(warnings);
    advice = List.copyOf(advice);
    requireNonNull(parsed);
  }

  /** The DevTools {@code Network.SetCookieBlockedReason} values for the exclusions that have one. */
  public List<String> devtoolsReasons() {
    List<String> out = new ArrayList<>();
    for (ExclusionReason r : exclusions) {
      String s = r.devtoolsReason(true);
      if (s != null) out.add(s);
    }
    return out;
  }

  /** The decision in a few words, as the traces show it: {@code stored}, {@code deleted}, {@code not stored: REASON}. */
  public String verdict() {
    if (Boolean.TRUE.equals(deleted)) return "deleted";
    if (stored) return "stored";
    return exclusions.isEmpty() ? "expired, deleted nothing" : "not stored: " + exclusions.get(0).name();
  }
}
