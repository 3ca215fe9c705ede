/**
 * The emulated browser every replay walks through: a {@link authdoctor.collect.browsing.BrowserSession}
 * (cookie jar, clock, third-party policy) and the {@link authdoctor.collect.browsing.RequestKind} of each
 * request, which decides its {@code Origin}, {@code Referer}, {@code Sec-Fetch-Mode} and cookie context.
 * The live probe and the cookie scenario replay use it; it does no I/O.
 */
@NullMarked
package authdoctor.collect.browsing;

import org.jspecify.annotations.NullMarked;
