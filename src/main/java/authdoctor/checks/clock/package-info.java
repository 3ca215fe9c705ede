/** The check of {@code clock.drift}: server clocks measured from {@code Date} headers. */
@NullMarked
package authdoctor.checks.clock;

import org.jspecify.annotations.NullMarked;
