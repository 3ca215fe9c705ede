package authdoctor.checks.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.checks.Checks;
import authdoctor.collect.jwt.BearerChallenges;
import authdoctor.collect.jwt.JwtParser;
import authdoctor.observation.Observation;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A token check takes the API's own refusal as evidence when the token alone shows nothing. */
class RefusalsTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final Redactor REDACTOR = new Redactor("k".repeat(32).getBytes(StandardCharsets.UTF_8));

  static List<Finding> run(String challenge) throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new JWTClaimsSet.Builder().issuer("https://idp.example.test").subject("alice").audience("api")
            .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(300))).build());
    jwt.sign(new RSASSASigner(key));
    List<Observation> obs = new ArrayList<>();
    obs.add(JwtParser.parse(jwt.serialize(), REDACTOR).token());
    BearerChallenges.refusal(7, URI.create("https://api.example.test/me"), 401, challenge).ifPresent(obs::add);
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), Clock.fixed(NOW, ZoneOffset.UTC), REDACTOR);
    return engine.run(Engine.observations(obs), Stack.UNKNOWN).findings();
  }

  @Test
  void apiSayingExpiredMakesJwtExpiredAtTheRefusedStep() throws Exception {
    List<Finding> f = run("Bearer error=\"invalid_token\", error_description=\"Jwt expired at 2026-11-26T09:59:00Z\"");
    assertThat(f).extracting(Finding::id).containsExactly("jwt.expired");
    assertThat(f.get(0).evidence().get(0).location()).isEqualTo(new Location.ExchangeRef(7));
    assertThat(f.get(0).evidence().get(0).excerpt().text()).contains("Jwt expired at");
  }

  @Test
  void apiSayingAlgorithmMakesJwtAlgMismatch() throws Exception {
    assertThat(run("Bearer error=\"invalid_token\", error_description=\"alg RS256 not accepted\""))
        .extracting(Finding::id).containsExactly("jwt.alg-mismatch");
  }

  @Test
  void aRefusalWithoutAReasonNamesNoTokenProblem() throws Exception {
    assertThat(run("Bearer error=\"invalid_token\"")).extracting(Finding::id).isEmpty();
  }

  @Test
  void noRefusalAndAGoodTokenIsQuiet() throws Exception {
    assertThat(run("Basic realm=\"x\"")).isEmpty();
  }
}
