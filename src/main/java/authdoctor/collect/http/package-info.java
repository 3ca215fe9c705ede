/**
 * The HTTP collector: sends one request at a time through OkHttp and records each exchange raw as an
 * {@link authdoctor.observation.HttpExchange}, with curl's options ({@code --resolve}, {@code -k},
 * {@code --cacert}, {@code -H}, {@code --connect-timeout}, {@code --max-time}) and curl's meaning.
 */
@NullMarked
package authdoctor.collect.http;

import org.jspecify.annotations.NullMarked;
