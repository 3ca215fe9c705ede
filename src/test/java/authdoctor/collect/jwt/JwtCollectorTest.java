package authdoctor.collect.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.observation.Collected;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtExpectation;
import authdoctor.observation.JwtKeySet;
import authdoctor.observation.Problem;
import authdoctor.observation.ServerClock;
import authdoctor.testing.JwtFixture;
import authdoctor.testing.TestRedactors;
import authdoctor.testing.TinyHttpServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The collector's network side against a local server: discovery, JWKS, Date samples, and their failures. */
class JwtCollectorTest {
  static RSAKey rsa;
  final Redactor redactor = TestRedactors.fixed();

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  Collected collect(URI jwks, URI oidc, List<URI> servers) throws Exception {
    String token = JwtFixture.sign("RS256", "k1", Map.of(), new JWTClaimsSet.Builder().subject("u").build(), rsa);
    var request = new JwtCollector.Request(JwtParser.parse(token, redactor), null, null, Duration.ZERO, "the local clock",
        jwks, oidc, List.of(), servers, List.of());
    try (HttpCollector http = new HttpCollector(HttpOptions.defaults().withConnectTimeout(Duration.ofSeconds(2)))) {
      return new JwtCollector(redactor, Clock.systemUTC(), http).collect(request);
    }
  }

  @Test
  void discoveryUrlDropsTrailingSlashes() {
    assertThat(JwtCollector.discoveryUrl(URI.create("https://idp.test/realms/app/")))
        .isEqualTo(URI.create("https://idp.test/realms/app/.well-known/openid-configuration"));
  }

  @Test
  void discoveryGivesIssuerAndJwksInThatOrder() throws Exception {
    try (TinyHttpServer idp = new TinyHttpServer(Duration.ZERO)) {
      idp.serve("/.well-known/openid-configuration", "{\"issuer\":\"https://idp.test\",\"jwks_uri\":\"/keys\"}");
      idp.serve("/keys", new JWKSet(rsa.toPublicJWK()).toString());
      var c = collect(null, idp.url(""), List.of());
      assertThat(c.problems()).isEmpty();
      assertThat(c.observations()).filteredOn(JwtExpectation.class::isInstance).singleElement()
          .satisfies(o -> assertThat(((JwtExpectation) o).issuer()).isEqualTo("https://idp.test"));
      assertThat(c.observations()).filteredOn(JwtKeySet.class::isInstance).singleElement()
          .satisfies(o -> assertThat(((JwtKeySet) o).kids()).containsExactly("k1"));
      assertThat(c.observations()).filteredOn(HttpExchange.class::isInstance).extracting(o -> ((HttpExchange) o).step())
          .containsExactly(2, 3);
    }
  }

  @Test
  void discoveryWithoutJwksUriIsAProblem() throws Exception {
    try (TinyHttpServer idp = new TinyHttpServer(Duration.ZERO)) {
      idp.serve("/.well-known/openid-configuration", "{\"issuer\":\"https://idp.test\"}");
      assertThat(collect(null, idp.url(""), List.of()).problems()).extracting(Problem::message)
          .containsExactly("the discovery document has no jwks_uri");
    }
  }

  @Test
  void jwksThatIsMissingOrNotAKeySetIsAProblem() throws Exception {
    try (TinyHttpServer idp = new TinyHttpServer(Duration.ZERO)) {
      idp.serve("/junk", "[1,2,3]");
      assertThat(collect(idp.url("/gone"), null, List.of()).problems()).extracting(Problem::message)
          .containsExactly("JWKS answered HTTP 404, not 200");
      assertThat(collect(idp.url("/junk"), null, List.of()).problems()).extracting(Problem::message)
          .singleElement().asString().startsWith("the JWKS cannot be read: ");
    }
  }

  @Test
  void eachServerIsSampledThreeTimesAndBoundsTheTrueSkew() throws Exception {
    try (TinyHttpServer ahead = new TinyHttpServer(Duration.ofSeconds(90))) {
      var c = collect(null, null, List.of(ahead.url("/")));
      ServerClock clock = c.observations().stream().filter(ServerClock.class::isInstance).map(ServerClock.class::cast)
          .findFirst().orElseThrow();
      assertThat(clock.samples()).hasSize(JwtCollector.SAMPLES);
      assertThat(clock.step()).isEqualTo(2);
      assertThat(clock.offsetLow()).isLessThanOrEqualTo(Duration.ofSeconds(90));
      assertThat(clock.offsetHigh()).isGreaterThanOrEqualTo(Duration.ofSeconds(90)); // the true skew lies within the bounds
      assertThat(clock.offsetHigh().minus(clock.offsetLow())).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
  }
}
