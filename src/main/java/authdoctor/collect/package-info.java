/** The collector contract; each kind of input has its collector in a subpackage. */
@NullMarked
package authdoctor.collect;

import org.jspecify.annotations.NullMarked;
