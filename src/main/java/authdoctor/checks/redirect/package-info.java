/** Checks for redirect findings ({@code redirect.*}). */
@NullMarked
package authdoctor.checks.redirect;

import org.jspecify.annotations.NullMarked;
