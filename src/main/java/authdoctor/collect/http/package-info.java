/**
 * The HTTP collector: sends one request at a time through OkHttp and records each exchange raw as an
 * {@link authdoctor.observation.HttpExchange}, with curl's options ({@code --resolve}, {@code -k},
 * {@code --cacert}, {@code -H}, {@code --connect-timeout}, {@code --max-time}) and curl's meaning.
 *
 * <pre>{@code
 * HttpOptions options = HttpOptions.defaults()
 *     .withResolve(List.of(Resolve.parse("app.lab.test:443:127.0.0.1")))   // IllegalArgumentException: exit 2
 *     .withExtraHeaders(List.of(HeaderArgument.parse("Authorization: Bearer …")))
 *     .withCredentialOrigin(URI.create("https://app.lab.test/"));
 * try (HttpCollector http = new HttpCollector(options)) {
 *   HttpExchange x = http.send(HttpRequestSpec.get(1, "login page", URI.create("https://app.lab.test/login")));
 *   if (!x.answered()) … x.error() …                // one line; status 0 when no response headers came
 *   String reproduce = Curl.render(x, redactor);     // secrets redacted
 * }
 * }</pre>
 */
@NullMarked
package authdoctor.collect.http;

import org.jspecify.annotations.NullMarked;
