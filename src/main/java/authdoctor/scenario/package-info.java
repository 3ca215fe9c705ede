/** Cookie scenarios: the steps {@code authdoctor cookie --scenario FILE} replays, and their parser. */
@NullMarked
package authdoctor.scenario;

import org.jspecify.annotations.NullMarked;
