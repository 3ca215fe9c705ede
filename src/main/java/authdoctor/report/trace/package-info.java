/**
 * Each command's trace (the {@code steps} of a report) rendered from the observations its collector
 * recorded: the text lines and JSON fields of every step, redacted as the values enter the report. The
 * fields of each kind of step are documented in docs/steps.md.
 */
@NullMarked
package authdoctor.report.trace;

import org.jspecify.annotations.NullMarked;
