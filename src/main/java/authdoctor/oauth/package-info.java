/**
 * The OAuth 2.0 / OIDC model: authorization requests read from redirect URLs (RFC 6749 §4.1.1, OIDC
 * Core §3.1.2.1, RFC 7636) and OIDC discovery documents (OIDC Discovery 1.0), for the {@code oauth.*}
 * checks. Pure: no I/O.
 */
@NullMarked
package authdoctor.oauth;

import org.jspecify.annotations.NullMarked;
