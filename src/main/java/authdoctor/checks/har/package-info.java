/** Checks of the inputs themselves: a HAR file that cannot show what a diagnosis needs. */
@NullMarked
package authdoctor.checks.har;

import org.jspecify.annotations.NullMarked;
