/** Checks for CORS findings ({@code cors.*}). */
@NullMarked
package authdoctor.checks.cors;

import org.jspecify.annotations.NullMarked;
