/** The registry of every check; the checks themselves live in one subpackage per catalog area. */
@NullMarked
package authdoctor.checks;

import org.jspecify.annotations.NullMarked;
