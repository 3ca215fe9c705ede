package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What Chromium did with one {@code Set-Cookie} line of a response: {@code line} is its index in the
 * step's {@code set_cookie} list (from 0). {@code reasons} are DevTools {@code Network.SetCookieBlockedReason}
 * values ({@code SameSiteNoneInsecure}, {@code SecureOnly}, …), empty when stored. Holds no value.
 *
 * <p>{@code stored} is DevTools' view: the line is not in {@code blockedCookies}. {@code inJar} says that
 * the line was not blocked and a cookie of that name is in the jar right after the response. {@code stored
 * && !inJar} means either an already-expired cookie (a deletion such as {@code Max-Age=0}, which Chromium
 * accepts) or an exclusion DevTools does not report (Chromium 156: {@code Partitioned} without {@code
 * Secure}). Known gap: such an unreported exclusion still reads {@code inJar} when an older cookie of the
 * same name is in the jar (the jar is matched by name only).
 */
public record StoreOutcome(int line, String name, boolean stored, List<String> reasons, boolean inJar) {
  public StoreOutcome {
    requireNonNull(name);
    reasons = List.copyOf(reasons);
  }
}
