package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A stored cookie Chromium considered for a request ({@code Network.requestWillBeSentExtraInfo}'s
 * {@code associatedCookies}): sent, or withheld with DevTools {@code Network.CookieBlockedReason} values
 * ({@code SameSiteLax}, {@code NotOnPath}, …). Holds no value.
 */
public record SendOutcome(String name, String domain, String path, boolean sent, List<String> reasons) {
  public SendOutcome {
    requireNonNull(name);
    requireNonNull(domain);
    requireNonNull(path);
    reasons = List.copyOf(reasons);
  }
}
