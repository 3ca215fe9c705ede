package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What Chromium did with one {@code Set-Cookie} line of a response: {@code line} is its index in the
 * step's {@code set_cookie} list (from 0). {@code reasons} are DevTools {@code Network.SetCookieBlockedReason}
 * values ({@code SameSiteNoneInsecure}, {@code SecureOnly}, …), empty when stored. Holds no value.
 */
public record StoredCookie(int line, String name, boolean stored, List<String> reasons) {
  public StoredCookie {
    requireNonNull(name);
    reasons = List.copyOf(reasons);
  }
}
