/** Checks for plain-http findings ({@code http.*}). */
@NullMarked
package authdoctor.checks.http;

import org.jspecify.annotations.NullMarked;
