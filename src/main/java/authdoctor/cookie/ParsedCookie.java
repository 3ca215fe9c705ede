package authdoctor.cookie;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code Set-Cookie} line parsed per Chromium's {@code ParsedCookie} (RFC 6265bis §5.6 where Chromium
 * is silent): the name-value pair and the last value of each known attribute, before any storage
 * decision. Attribute values are kept as written ({@code null} = attribute absent); {@link
 * #exclusions()} is non-empty when the parser alone already rejects the cookie.
 *
 * <p>The value is kept (a probe must send it back) but never printed by {@link #toString()}.
 */
public record ParsedCookie(
    String name,
    String value,
    @Nullable String path,
    @Nullable String domain,
    @Nullable String expires,
    @Nullable String maxAge,
    boolean secure,
    boolean httpOnly,
    boolean partitioned,
    SameSite sameSite,
    CookiePriority priority,
    List<ExclusionReason> exclusions,
    List<WarningReason> warnings,
    List<ParseProblem> problems) {
  public ParsedCookie {
    requireNonNull(name);
    requireNonNull(value);
    requireNonNull(sameSite);
    requireNonNull(priority);
    exclusions = List.copyOf(exclusions);
    warnings = List.copyOf(warnings);
    problems = List.copyOf(problems);
  }

  /** True when the parser did not reject the cookie (storage rules may still). */
  public boolean valid() {
    return exclusions.isEmpty();
  }

  /** Whether a Path attribute was present (even empty: relevant for {@code __Host-}). */
  public boolean hasPath() {
    return path != null;
  }

  public boolean hasDomain() {
    return domain != null;
  }

  @Override
  public String toString() {
    return "ParsedCookie[name="
        + name
        + ", value=‹"
        + value.length()
        + " chars›, path="
        + path
        + ", domain="
        + domain
        + ", expires="
        + expires
        + ", maxAge="
        + maxAge
        + ", secure="
        + secure
        + ", httpOnly="
        + httpOnly
        + ", partitioned="
        + partitioned
        + ", sameSite="
        + sameSite
        + ", priority="
        + priority
        + ", exclusions="
        + exclusions
        + ", warnings="
        + warnings
        + ", problems="
        + problems
        + "]";
  }
}
