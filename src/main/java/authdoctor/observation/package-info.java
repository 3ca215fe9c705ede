/** What collectors saw: immutable records that checks read. */
@NullMarked
package authdoctor.observation;

import org.jspecify.annotations.NullMarked;
