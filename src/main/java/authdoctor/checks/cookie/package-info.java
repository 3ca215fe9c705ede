/** Checks for cookie findings ({@code cookie.*}); the cookie model decides, the checks select. */
@NullMarked
package authdoctor.checks.cookie;

import org.jspecify.annotations.NullMarked;
