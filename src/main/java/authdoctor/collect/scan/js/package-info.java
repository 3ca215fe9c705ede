/**
 * A tolerant reader of JavaScript (and of the Java security configuration, whose tokens are alike) for the
 * scan: tokens, expressions and the few statements that decide a setting, read without running anything.
 */
@NullMarked
package authdoctor.collect.scan.js;

import org.jspecify.annotations.NullMarked;
