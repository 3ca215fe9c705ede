/** The public API: findings, evidence, redaction, reports. */
@NullMarked
package authdoctor;

import org.jspecify.annotations.NullMarked;
