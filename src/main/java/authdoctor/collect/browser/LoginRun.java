package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What headless Chromium did while signing in ({@link BrowserLogin}): every request hop in the order the
 * browser sent them, with its real headers and Chromium's own cookie verdicts, and the session it ended
 * with. Unlike the scenario runner's results this holds values (cookies, storage, bodies): they are the
 * session handed to the rest of the probe, which remembers each one in its redactor.
 *
 * @param version Chromium's product string ("Chrome/156.0.8078.129")
 * @param hops every request hop (a redirect is a hop of its own)
 * @param fields the login fields found, described without values ("user: input name=username …"), null
 *     when the page offered none (then {@code failure} says so and nothing was typed)
 * @param failure why the login could not be completed in the browser, null when it was submitted
 * @param cookies Chromium's cookie jar at the end ({@code Storage.getCookies})
 * @param storage {@code localStorage} and {@code sessionStorage} of the page at the end, by key
 * @param finalUrl the page the browser ended on
 * @param startup time from starting the process to the DevTools connection answering
 * @param console what Chromium's console said about cookies ({@link ConsoleMessages}), in order
 */
public record LoginRun(
    String version,
    List<Hop> hops,
    @Nullable String fields,
    @Nullable String failure,
    List<Cookie> cookies,
    Map<String, String> storage,
    @Nullable URI finalUrl,
    Duration startup,
    List<String> console) {
  public LoginRun {
    console = List.copyOf(console);
    requireNonNull(version);
    hops = List.copyOf(hops);
    cookies = List.copyOf(cookies);
    storage = Map.copyOf(storage);
    requireNonNull(startup);
  }

  /**
   * One request and its response as Chromium sent and received them.
   *
   * @param type DevTools' resource type ({@code Document}, {@code XHR}, {@code Fetch}, {@code Script}, …)
   * @param afterSubmit whether the browser sent it after the login was submitted
   * @param redirectOf whether it follows a redirect of the hop before it with the same request
   * @param requestHeaders the headers on the wire ({@code requestWillBeSentExtraInfo}), with Cookie
   * @param postData the request body, null when none (a login body holds the password: redact it)
   * @param status 0 when no response came ({@code failure} says why)
   * @param responseHeaders the headers on the wire ({@code responseReceivedExtraInfo}), Set-Cookie included
   * @param body the response body of a document or a fetch (bounded), else empty
   * @param blocked the Set-Cookie lines Chromium refused, with its {@code SetCookieBlockedReason}s
   * @param associated the cookies Chromium considered for the request, sent or not, with its reasons
   * @param failure why there was no response (Chromium's {@code errorText}), null when there was one
   */
  public record Hop(
      String requestId,
      String type,
      boolean afterSubmit,
      boolean redirectOf,
      String method,
      URI url,
      List<HeaderField> requestHeaders,
      @Nullable String postData,
      int status,
      String protocol,
      List<HeaderField> responseHeaders,
      String body,
      List<Blocked> blocked,
      List<SendOutcome> associated,
      @Nullable String failure,
      Duration elapsed) {
    public Hop {
      requestHeaders = List.copyOf(requestHeaders);
      responseHeaders = List.copyOf(responseHeaders);
      blocked = List.copyOf(blocked);
      associated = List.copyOf(associated);
    }

    public boolean document() {
      return type.equals("Document");
    }
  }

  /** A {@code Set-Cookie} line Chromium refused to store, and why. */
  public record Blocked(String cookieLine, List<String> reasons) {
    public Blocked {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A cookie in Chromium's jar, with its value ({@code domain} starts with a dot for a domain cookie).
   *
   * @param expires null for a session cookie
   */
  public record Cookie(String name, String value, String domain, String path, boolean secure, boolean httpOnly,
      String sameSite, @Nullable Instant expires) {}
}
