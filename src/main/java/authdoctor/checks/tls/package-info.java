/** Checks for TLS findings ({@code tls.*}). */
@NullMarked
package authdoctor.checks.tls;

import org.jspecify.annotations.NullMarked;
