/** The {@code scan} command's collector: walks a tree safely, decides what each file is, and reads it. */
@NullMarked
package authdoctor.collect.scan;

import org.jspecify.annotations.NullMarked;
