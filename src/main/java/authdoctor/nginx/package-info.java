/**
 * The nginx configuration model: a tolerant parser for nginx's configuration syntax and the
 * inheritance of directives from {@code http} to {@code server} to {@code location} as nginx applies
 * it. Pure: no I/O; reading files and resolving includes is {@code authdoctor.collect.nginx}'s job.
 */
@NullMarked
package authdoctor.nginx;

import org.jspecify.annotations.NullMarked;
