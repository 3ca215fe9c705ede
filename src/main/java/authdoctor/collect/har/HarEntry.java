package authdoctor.collect.har;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a HAR 1.2 file ({@code log.entries[i]}, HAR 1.2 §"entries"), with the fields the replay
 * reads; the response body only when it is text and small ({@link HarReader#MAX_BODY}).
 *
 * @param index 0-based position in {@code log.entries}
 * @param started {@code startedDateTime}
 * @param time {@code time}: milliseconds from the start of the request to the end of the response; 0 when absent
 * @param method {@code request.method}
 * @param url {@code request.url}, as written
 * @param requestHeaders {@code request.headers}, in order
 * @param requestCookies {@code request.cookies} as {@code name=value} pairs (Firefox and Chromium fill it)
 * @param postData {@code request.postData.text}, null when none (bounded)
 * @param postMime {@code request.postData.mimeType}, null when none
 * @param status {@code response.status}; 0 for a request that got no response (blocked, aborted)
 * @param responseHeaders {@code response.headers}, in order
 * @param redirectUrl {@code response.redirectURL}, empty when none
 * @param mimeType {@code response.content.mimeType}, empty when absent
 * @param body {@code response.content.text} when textual and at most {@link HarReader#MAX_BODY} chars, else empty
 * @param initiatorType Chromium's {@code _initiator.type} ({@code parser}, {@code script}, {@code other},
 *     {@code redirect}, {@code preflight}), null when absent (Firefox, Safari)
 * @param initiatorUrl Chromium's {@code _initiator.url} (or the top frame of its stack), null when absent
 * @param resourceType Chromium's {@code _resourceType} ({@code document}, {@code xhr}, {@code fetch},
 *     {@code script}, …), null when absent
 * @param fromCache Chromium's {@code _fromCache} ({@code memory}, {@code disk}), null when absent
 * @param pageUrl the URL of the page the entry belongs to ({@code pageref} → {@code pages[].title} when
 *     that is a URL), null when unknown
 * @param httpVersion {@code response.httpVersion} ({@code h2}, {@code HTTP/1.1}), null when absent
 * @param transferSize Chromium's {@code response._transferSize}: the bytes received for the response on the
 *     wire (for a redirect, its header block alone); -1 when absent
 */
public record HarEntry(
    int index,
    Instant started,
    double time,
    String method,
    String url,
    List<HeaderField> requestHeaders,
    List<String> requestCookies,
    @Nullable String postData,
    @Nullable String postMime,
    int status,
    List<HeaderField> responseHeaders,
    String redirectUrl,
    String mimeType,
    String body,
    @Nullable String initiatorType,
    @Nullable String initiatorUrl,
    @Nullable String resourceType,
    @Nullable String fromCache,
    @Nullable String pageUrl,
    @Nullable String httpVersion,
    long transferSize) {
  public HarEntry {
    requireNonNull(started);
    requireNonNull(method);
    requireNonNull(url);
    requestHeaders = List.copyOf(requestHeaders);
    requestCookies = List.copyOf(requestCookies);
    responseHeaders = List.copyOf(responseHeaders);
    requireNonNull(redirectUrl);
    requireNonNull(mimeType);
    requireNonNull(body);
  }

  /** Every value of a request header, in order (HTTP/2 exports write names in lower case). */
  public List<String> requestHeaders(String name) {
    return requestHeaders.stream().filter(h -> h.is(name)).map(HeaderField::value).toList();
  }

  public Optional<String> requestHeader(String name) {
    return requestHeaders.stream().filter(h -> h.is(name)).map(HeaderField::value).findFirst();
  }

  /** Every value of a response header, in order: one per {@code Set-Cookie} line. */
  public List<String> responseHeaders(String name) {
    return responseHeaders.stream().filter(h -> h.is(name)).map(HeaderField::value).toList();
  }

  public Optional<String> responseHeader(String name) {
    return responseHeaders.stream().filter(h -> h.is(name)).map(HeaderField::value).findFirst();
  }

  /** The {@code Set-Cookie} lines; a header whose value holds several lines (Firefox joins them with newlines) split. */
  public List<String> setCookieLines() {
    return responseHeaders("Set-Cookie").stream()
        .flatMap(v -> v.lines())
        .filter(l -> !l.isBlank())
        .toList();
  }
}
