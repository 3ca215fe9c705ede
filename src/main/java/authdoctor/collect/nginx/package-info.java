/**
 * Reads nginx configuration from files or an {@code nginx -T} dump: follows {@code include}s (globs,
 * relative to the including file and to the prefix), splits a dump back into its files, and parses
 * each with {@link authdoctor.nginx.NginxParser}.
 */
@NullMarked
package authdoctor.collect.nginx;

import org.jspecify.annotations.NullMarked;
