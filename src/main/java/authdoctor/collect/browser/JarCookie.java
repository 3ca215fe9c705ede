package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A cookie in Chromium's jar at the end of a scenario ({@code Storage.getCookies}), without its value.
 * {@code domain} starts with a dot for a domain cookie and is the bare host for a host-only cookie;
 * {@code sameSite} is {@code Strict}, {@code Lax}, {@code None} or empty when unspecified; {@code expires}
 * is null for a session cookie; {@code partitionKey} is the top-level site of a partitioned cookie.
 */
public record JarCookie(
    String name,
    String domain,
    String path,
    boolean secure,
    boolean httpOnly,
    String sameSite,
    @Nullable Instant expires,
    @Nullable String partitionKey) {
  public JarCookie {
    requireNonNull(name);
    requireNonNull(domain);
    requireNonNull(path);
    requireNonNull(sameSite);
  }

  public boolean session() {
    return expires == null;
  }
}
