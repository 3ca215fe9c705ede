/** The finding catalog: one Markdown file per id is the single source of titles, explanations and fixes. */
@NullMarked
package authdoctor.catalog;

import org.jspecify.annotations.NullMarked;
