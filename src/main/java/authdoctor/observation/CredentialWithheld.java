package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;

/**
 * A credential the probe did not send because it would have gone to an origin the user did not name: the
 * login form posting elsewhere, a login page that redirected to another host, a 307/308 that would re-send
 * the password body, a redirect carrying {@code -H} credentials.
 *
 * @param step the trace step that says so (a note), or the exchange whose answer would have carried it on
 * @param secret what was withheld: {@code password}, {@code identity provider password} or a header name
 * @param from the page or response that would have sent it on (redacted URL)
 * @param to where it would have gone (redacted URL, or the scheme alone for a non-http URL)
 * @param reason one line: why it was not sent
 * @param location its trace step
 */
public record CredentialWithheld(int step, String secret, String from, String to, String reason, Location location)
    implements Observation {
  public CredentialWithheld {
    requireNonNull(secret);
    requireNonNull(from);
    requireNonNull(to);
    requireNonNull(reason);
    requireNonNull(location);
  }

  /** Seen at its trace step. */
  public CredentialWithheld(int step, String secret, String from, String to, String reason) {
    this(step, secret, from, to, reason, new Location.ExchangeRef(step));
  }
}
