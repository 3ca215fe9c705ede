package authdoctor.cookie;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cookies of a request: a decision for every cookie in the jar (sent ones first, in Cookie-header
 * order; then the others), and the {@code Cookie} header value (null: no header).
 */
public record SendResult(List<CookieDecision> decisions, @Nullable String cookieHeaderValue) {
  public SendResult {
    decisions = List.copyOf(decisions);
  }

  /** The Cookie header the browser sends, if any. */
  public Optional<String> cookieHeader() {
    return Optional.ofNullable(cookieHeaderValue);
  }

  /** The cookies sent, in header order. */
  public List<StoredCookie> sent() {
    return decisions.stream().filter(CookieDecision::sent).map(CookieDecision::cookie).toList();
  }

  /** The decisions about cookies with this name (there may be several: other paths or domains). */
  public List<CookieDecision> named(String name) {
    return decisions.stream().filter(d -> d.cookie().name().equals(name)).toList();
  }

  @Override
  public String toString() {
    return "SendResult[decisions="
        + decisions
        + ", cookieHeader="
        + (cookieHeaderValue == null ? "none" : "‹" + cookieHeaderValue.length() + " chars›")
        + "]";
  }
}
