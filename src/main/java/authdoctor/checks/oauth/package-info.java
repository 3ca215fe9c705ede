/** The checks of the {@code oauth.*} catalog ids: one class per id, reading the flow's exchanges through the OAuth model. */
@NullMarked
package authdoctor.checks.oauth;

import org.jspecify.annotations.NullMarked;
