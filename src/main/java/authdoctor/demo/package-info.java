/**
 * In-process demo deployments with classic production auth bugs, diagnosed by the real probe: the
 * zero-setup first run ({@code authdoctor demo}) and fast tests of the probe. Not a test lab: the real
 * stacks live in {@code lab/}.
 */
@NullMarked
package authdoctor.demo;

import org.jspecify.annotations.NullMarked;
