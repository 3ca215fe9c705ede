package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;

/** What the real browser did at one scenario step (numbered from 1, as in scenario error messages). */
public sealed interface BrowserStep {
  int step();

  /** The scenario's URL (before the port was rewritten to the local server's). */
  URI url();

  /** A response step that was replayed: one entry per Set-Cookie line, in order. */
  record Response(int step, URI url, List<StoreOutcome> cookies) implements BrowserStep {
    public Response {
      requireNonNull(url);
      cookies = List.copyOf(cookies);
    }
  }

  /**
   * A request step that was replayed: every cookie Chromium considered, sent or withheld, and the names in
   * the {@code Cookie} header the server actually received (a cross-check of the DevTools report).
   */
  record Request(int step, URI url, List<SendOutcome> cookies, List<String> receivedCookieNames)
      implements BrowserStep {
    public Request {
      requireNonNull(url);
      cookies = List.copyOf(cookies);
      receivedCookieNames = List.copyOf(receivedCookieNames);
    }

    /** Names of the cookies Chromium reports as sent, in its order. */
    public List<String> sentNames() {
      return cookies.stream().filter(SendOutcome::sent).map(SendOutcome::name).toList();
    }
  }

  /**
   * A replayed step whose request never reached the network, so no cookie was sent or stored: e.g. an
   * https page's fetch of an http URL is blocked as mixed content. {@code error} is Chromium's.
   */
  record NotSent(int step, URI url, String error) implements BrowserStep {
    public NotSent {
      requireNonNull(url);
      requireNonNull(error);
    }
  }

  /** A step the browser cannot replay faithfully (e.g. hours pass before it); {@code reason} says why. */
  record NotReplayed(int step, URI url, String reason) implements BrowserStep {
    public NotReplayed {
      requireNonNull(url);
      requireNonNull(reason);
    }
  }
}
