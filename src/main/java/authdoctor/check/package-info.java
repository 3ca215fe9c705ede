/** The check contract and the engine that runs checks (the registry is {@code authdoctor.checks.Checks}). */
@NullMarked
package authdoctor.check;

import org.jspecify.annotations.NullMarked;
