package authdoctor.collect.http;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.internal.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * One request to send: what the caller wants on the wire. The collector adds {@code Host},
 * {@code User-Agent} ({@link UserAgent#DEFAULT}) and {@code Accept-Encoding: identity} when absent, and the {@code -H}
 * headers of its options for names the request does not set.
 *
 * @param step position in the command's trace, from 1
 * @param label what the step is for ("login page")
 * @param method request method, e.g. {@code GET}
 * @param url an absolute http or https URL
 * @param headers request headers in order; these win over {@code -H} headers of the same name
 * @param body the request body, null for none
 */
public record HttpRequestSpec(
    int step, String label, String method, URI url, List<HeaderField> headers, byte @Nullable [] body) {
  public HttpRequestSpec {
    requireNonNull(label);
    requireNonNull(method);
    requireNonNull(url);
    headers = List.copyOf(headers);
    if (method.isEmpty() || !method.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      throw new IllegalArgumentException("invalid request method '" + method + "'");
    }
    toHttpUrl(url);
    for (HeaderField h : headers) {
      HeaderArgument.checkName(h.name());
      HeaderArgument.checkValue(h.name(), h.value());
    }
    if (body != null && !HttpMethod.permitsRequestBody(method)) {
      throw new IllegalArgumentException(method + " request must not have a body");
    }
    body = body == null ? null : body.clone();
  }

  /** A GET with no headers of its own. */
  public static HttpRequestSpec get(int step, String label, URI url) {
    return new HttpRequestSpec(step, label, "GET", url, List.of(), null);
  }

  /** A POST of {@code body} with the given {@code Content-Type}. */
  public static HttpRequestSpec post(int step, String label, URI url, String contentType, byte[] body) {
    return new HttpRequestSpec(step, label, "POST", url, List.of(new HeaderField("Content-Type", contentType)), body);
  }

  /** The same request with one more header. */
  public HttpRequestSpec withHeader(String name, String value) {
    List<HeaderField> h = new ArrayList<>(headers);
    h.add(new HeaderField(name, value));
    return new HttpRequestSpec(step, label, method, url, h, body);
  }

  /** A copy of the body, null when none. */
  @Override
  public byte @Nullable [] body() {
    return body == null ? null : body.clone();
  }

  /**
   * The URL as OkHttp's {@link HttpUrl}.
   *
   * @throws IllegalArgumentException with a one-line message when it is not an absolute http(s) URL
   */
  static HttpUrl toHttpUrl(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("not an http or https URL: " + url);
    }
    HttpUrl parsed = HttpUrl.parse(url.toString());
    if (parsed == null || url.getHost() == null && url.getRawAuthority() == null) {
      throw new IllegalArgumentException("malformed URL: " + url);
    }
    return parsed;
  }
}
