/** The check contract, the registry and the engine that runs checks. */
@NullMarked
package authdoctor.check;

import org.jspecify.annotations.NullMarked;
