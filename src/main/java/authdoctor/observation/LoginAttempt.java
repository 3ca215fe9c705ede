package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import java.util.List;

/**
 * The probe's login: the credentials posted like a browser, and what came back over the whole redirect
 * chain.
 *
 * @param step the trace step of the login request
 * @param url where the credentials went
 * @param mode {@code form} or {@code json}
 * @param status the status of the login response (before redirects), 0 when none
 * @param succeeded whether the login looks successful: a 2xx that is not the login form again, or a
 *     redirect that does not lead back to the login page
 * @param outcome one line saying how {@code succeeded} was decided ("302 to /dashboard")
 * @param setCookieLines how many {@code Set-Cookie} lines the login response and its redirect hops
 *     carried
 * @param cookieNames names of the cookies those lines set (stored or not)
 * @param cookiesStored how many cookies of the site the browser model holds after the login
 * @param tokenReturned whether the response body carried a token ({@code access_token}, {@code token},
 *     {@code id_token}, {@code jwt}) the client could use instead of a cookie
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record LoginAttempt(
    int step,
    URI url,
    String mode,
    int status,
    boolean succeeded,
    String outcome,
    int setCookieLines,
    List<String> cookieNames,
    int cookiesStored,
    boolean tokenReturned,
    Location location)
    implements Observation {
  public LoginAttempt {
    requireNonNull(location);
    requireNonNull(url);
    requireNonNull(mode);
    requireNonNull(outcome);
    cookieNames = List.copyOf(cookieNames);
  }

  /** Seen at its trace step. */
  public LoginAttempt(
      int step,
      URI url,
      String mode,
      int status,
      boolean succeeded,
      String outcome,
      int setCookieLines,
      List<String> cookieNames,
      int cookiesStored,
      boolean tokenReturned) {
    this(step, url, mode, status, succeeded, outcome, setCookieLines, cookieNames, cookiesStored,
        tokenReturned, new Location.ExchangeRef(step));
  }

}
