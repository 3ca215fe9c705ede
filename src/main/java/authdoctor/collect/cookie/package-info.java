/** Collectors that replay cookie scenarios through the browser cookie model. */
@NullMarked
package authdoctor.collect.cookie;

import org.jspecify.annotations.NullMarked;
