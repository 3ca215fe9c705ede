/**
 * {@code authdoctor diff}: two probe runs of one flow (local and production, direct and through the
 * proxy) reduced to comparable facts per step, aligned step by step, and the first point where they
 * diverge. Pure: the probe collected everything; nothing here does I/O or decides a finding.
 */
@NullMarked
package authdoctor.diff;

import org.jspecify.annotations.NullMarked;
