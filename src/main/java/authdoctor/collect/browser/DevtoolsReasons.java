package authdoctor.collect.browser;

import authdoctor.cookie.CatalogIds;
import authdoctor.cookie.ExclusionReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Chromium's DevTools cookie reasons ({@code Network.SetCookieBlockedReason}, {@code
 * Network.CookieBlockedReason}) read back into the cookie model's {@link ExclusionReason}s and catalog
 * ids, so what the browser said can be compared with what the model says.
 */
public final class DevtoolsReasons {
  private static final String SCHEMEFUL = "Schemeful";

  private DevtoolsReasons() {}

  /**
   * The reason without its {@code Schemeful} prefix: Chromium 156 reports every SameSite exclusion as
   * {@code SchemefulSameSiteLax} etc., even when the scheme plays no part, so the prefix carries no
   * information we can compare ({@code SchemefulSameSiteLax} → {@code SameSiteLax}).
   */
  public static String normalize(String reason) {
    return reason.startsWith(SCHEMEFUL + "SameSite") ? reason.substring(SCHEMEFUL.length()) : reason;
  }

  /** The model's exclusion for a DevTools reason seen while storing ({@code setting}) or sending. */
  public static Optional<ExclusionReason> exclusion(String reason, boolean setting) {
    String plain = normalize(reason);
    for (ExclusionReason r : ExclusionReason.values()) {
      String name = setting ? r.devtoolsSetReason() : r.devtoolsGetReason();
      if (plain.equals(name)) return Optional.of(r);
    }
    return Optional.empty();
  }

  /**
   * The catalog id that explains the browser's refusal, picked as the model picks one ({@link
   * CatalogIds#FINDING_ORDER}); null when no reason has one. {@code InvalidDomain} is either {@code
   * cookie.domain-mismatch} or {@code cookie.domain-public-suffix}, which the reason alone cannot tell:
   * {@code publicSuffixDomain} (from the Set-Cookie line) decides, as in the model.
   */
  public static @Nullable String finding(List<String> reasons, boolean setting, boolean publicSuffixDomain) {
    List<String> ids = new ArrayList<>();
    for (String reason : reasons) {
      Optional<ExclusionReason> r = exclusion(reason, setting);
      if (r.isEmpty()) continue;
      if (r.get() == ExclusionReason.EXCLUDE_INVALID_DOMAIN && publicSuffixDomain) {
        ids.add(CatalogIds.DOMAIN_PUBLIC_SUFFIX);
      } else if (r.get().catalogId() != null) {
        ids.add(r.get().catalogId());
      }
    }
    for (String id : CatalogIds.FINDING_ORDER) if (ids.contains(id)) return id;
    return null;
  }
}
