/** The checks of the {@code jwt.*} catalog ids: one class per id, reading {@code Jwt*} observations. */
@NullMarked
package authdoctor.checks.jwt;

import org.jspecify.annotations.NullMarked;
