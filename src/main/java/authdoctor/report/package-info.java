/** Reporters: pure functions from a finished report to bytes. */
@NullMarked
package authdoctor.report;

import org.jspecify.annotations.NullMarked;
