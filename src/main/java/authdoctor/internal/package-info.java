/** Utility code; not API, may change in any release. */
@NullMarked
package authdoctor.internal;

import org.jspecify.annotations.NullMarked;
