/**
 * The browser cookie model: a {@code Set-Cookie} parser, storage and sending rules and a cookie jar that
 * behave as current Chromium does (RFC 6265bis where Chromium is silent). Pure: no I/O, no static
 * mutable state, time only from an injected {@link java.time.Clock}. See {@code docs/cookie-model.md}.
 */
@NullMarked
package authdoctor.cookie;

import org.jspecify.annotations.NullMarked;
