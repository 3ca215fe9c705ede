/** Checks for session findings ({@code session.*}). */
@NullMarked
package authdoctor.checks.session;

import org.jspecify.annotations.NullMarked;
