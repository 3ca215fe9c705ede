package authdoctor.cookie;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A cookie in the jar (Chromium {@code CanonicalCookie}; RFC 6265bis §5.7 cookie record).
 *
 * @param domain Chromium form: {@code .example.com} for a domain cookie, {@code example.com} for a
 *     host-only cookie
 * @param path the cookie path: the Path attribute if it starts with "/", else the default path
 * @param expiry null for a session cookie; already capped at 400 days after creation
 * @param sourceSecure Chromium's source scheme: Secure when the cookie has the Secure attribute or came
 *     from https/wss
 * @param sourcePort the port of the URL that set it
 * @param partitionKey non-null only for a valid {@code Partitioned} cookie
 */
public record StoredCookie(
    String name,
    String value,
    String domain,
    String path,
    boolean secure,
    boolean httpOnly,
    SameSite sameSite,
    CookiePriority priority,
    @Nullable PartitionKey partitionKey,
    Instant creation,
    Instant lastAccess,
    @Nullable Instant expiry,
    boolean sourceSecure,
    int sourcePort) {
  /** Chromium {@code kLaxAllowUnsafeMaxAge}: 2 minutes. */
  public static final Duration LAX_ALLOW_UNSAFE_MAX_AGE = Duration.ofMinutes(2);

  public StoredCookie {
    requireNonNull(name);
    requireNonNull(value);
    requireNonNull(domain);
    requireNonNull(path);
    requireNonNull(sameSite);
    requireNonNull(priority);
    requireNonNull(creation);
    requireNonNull(lastAccess);
  }

  /** True for a host-only cookie (no Domain attribute): sent only to exactly this host. */
  public boolean hostOnly() {
    return !domain.startsWith(".");
  }

  /** The domain without Chromium's leading dot. */
  public String domainWithoutDot() {
    return hostOnly() ? domain : domain.substring(1);
  }

  public boolean persistent() {
    return expiry != null;
  }

  public boolean partitioned() {
    return partitionKey != null;
  }

  /** Chromium {@code IsExpired}: expiry is set and not after {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiry != null && !now.isBefore(expiry);
  }

  /** The pair as it appears in a Cookie header: {@code name=value}, or just the value when nameless. */
  public String pair() {
    return name.isEmpty() ? value : name + "=" + value;
  }

  StoredCookie withLastAccess(Instant t) {
    return new StoredCookie(
        name, value, domain, path, secure, httpOnly, sameSite, priority, partitionKey, creation, t,
        expiry, sourceSecure, sourcePort);
  }

  @Override
  public String toString() {
    return "StoredCookie[name="
        + name
        + ", value=‹"
        + value.length()
        + " chars›, domain="
        + domain
        + ", path="
        + path
        + ", secure="
        + secure
        + ", httpOnly="
        + httpOnly
        + ", sameSite="
        + sameSite
        + ", priority="
        + priority
        + ", partitionKey="
        + partitionKey
        + ", creation="
        + creation
        + ", expiry="
        + expiry
        + "]";
  }
}
