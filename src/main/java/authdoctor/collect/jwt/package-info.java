/**
 * The JWT collector: decodes a token, reads the verifier's keys (HMAC secret, PEM or JWK file, JWKS URL,
 * OIDC discovery), verifies the signature with nimbus-jose-jwt and reads server clocks from {@code Date}
 * headers, producing observations ({@code JwtToken}, {@code JwtKeySet}, {@code JwtVerification},
 * {@code ServerClock}). It decides nothing: the checks in {@code authdoctor.checks.jwt} do.
 */
@NullMarked
package authdoctor.collect.jwt;

import org.jspecify.annotations.NullMarked;
