/** The command line (the only package that uses picocli). */
@NullMarked
package authdoctor.cli;

import org.jspecify.annotations.NullMarked;
