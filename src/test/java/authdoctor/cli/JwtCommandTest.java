package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.JwtFixture;
import authdoctor.testing.TinyHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authdoctor jwt} end to end through {@link Main#run}: real keys, real signatures, local servers. */
class JwtCommandTest {
  static final String NOW = "2026-11-26T10:00:00Z";
  static final String ISS = "https://login.example.test/realms/app";
  static RSAKey rsa;
  static RSAKey rotatedOut;
  static ECKey ec;

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }

    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("key-2026").generate();
    rotatedOut = new RSAKeyGenerator(2048).keyID("key-2025").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
  }

  static Run run(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err), env, false);
    int code = Main.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run("", Map.of(), args);
  }

  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISS)
        .subject("user-42")
        .audience("api")
        .issueTime(Date.from(Instant.parse("2026-11-26T09:55:00Z")))
        .expirationTime(Date.from(Instant.parse("2026-11-26T10:10:00Z")));
  }

  static String signed(JWK key, String alg, JWTClaimsSet claims) throws Exception {
    return JwtFixture.sign(alg, key.getKeyID(), Map.of(), claims, key);
  }

  Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  Path publicJwk(JWK key) throws Exception {
    return file("key.jwk", key.toPublicJWK().toJSONString());
  }

  static String pem(RSAKey key) throws Exception {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPublicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static List<String> ids(JsonNode report) {
    List<String> ids = new ArrayList<>();
    report.get("findings").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  @Test
  void healthyTokenWithTheRightIssuerAudienceAndKeyExitsZero() throws Exception {
    String token = signed(rsa, "RS256", claims().build());
    Run r = run(token, Map.of(), "jwt", "-", "--issuer", ISS, "--audience", "api", "--public-key-file", publicJwk(rsa).toString(),
        "--now", NOW, "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("schema").asText()).isEqualTo("authdoctor/1");
    assertThat(j.get("command").asText()).isEqualTo("jwt");
    assertThat(ids(j)).isEmpty();
    JsonNode step = j.get("steps").get(0);
    assertThat(step.get("kind").asText()).isEqualTo("token");
    assertThat(step.get("claims").get("sub").asText()).isEqualTo("user-42");
    assertThat(step.get("header").get("kid").asText()).isEqualTo("key-2026");
    assertThat(step.get("signature").asText()).startsWith("verifies with kid=key-2026 RSA 2048 bits");
    assertThat(step.get("times").get("exp").get("relative").asText()).isEqualTo("in 10 min");
    assertThat(step.get("token").asText()).startsWith("‹redacted " + token.length() + " chars fp:");
    assertThat(r.all()).doesNotContain(token);
  }

  @Test
  void expiredTokenExitsOneWithTheClaimAsEvidenceInTextAndJson() throws Exception {
    String token = signed(rsa, "RS256", claims().expirationTime(Date.from(Instant.parse("2026-11-26T09:40:00Z"))).build());
    Run text = run("jwt", token, "--now", NOW, "--public-key-file", publicJwk(rsa).toString());
    assertThat(text.code()).isEqualTo(1);
    assertThat(text.out()).contains("jwt.expired", "expired 20 min ago", "2026-11-26T09:40:00Z", "Trace");
    Run json = run("jwt", token, "--now", NOW, "--format", "json", "--leeway", "0");
    assertThat(json.code()).isEqualTo(1);
    JsonNode f = json.json().get("findings").get(0);
    assertThat(f.get("id").asText()).isEqualTo("jwt.expired");
    assertThat(f.get("severity").asText()).isEqualTo("error");
    assertThat(f.get("evidence").get(0).get("location").get("claim").asText()).isEqualTo("exp");
    assertThat(f.get("evidence").get(0).get("facts").get("leeway").asText()).isEqualTo("0 s");
    assertThat(json.json().get("steps").get(0).get("signature").asText()).startsWith("not checked (no key given");
  }

  @Test
  void leewayDecidesWhetherARecentlyExpiredTokenIsRefused() throws Exception {
    String token = signed(rsa, "RS256", claims().expirationTime(Date.from(Instant.parse("2026-11-26T09:59:30Z"))).build());
    assertThat(run("jwt", token, "--now", NOW, "--leeway", "60s").code()).isZero();
    assertThat(run("jwt", token, "--now", NOW, "--leeway", "10").code()).isEqualTo(1);
  }

  @Test
  void tokenFromStdinMayCarryABearerPrefixAndWhitespace() throws Exception {
    String token = signed(ec, "ES256", claims().build());
    Run r = run("  Bearer " + token + "\n", Map.of(), "jwt", "-", "--public-key-file", publicJwk(ec).toString(), "--now", NOW);
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("verifies with kid=ec-1 EC 256 bits").doesNotContain(token);
  }

  @Test
  void issuerAudienceAndMissingClaimsAreReportedTogether() throws Exception {
    String token = signed(rsa, "RS256", claims().issuer(ISS + "/").audience("spa-client").subject(null).claim("nonce", "n1").build());
    Run r = run("jwt", token, "--now", NOW, "--issuer", ISS, "--audience", "api", "--user-claim", "sub", "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(ids(r.json())).containsExactlyInAnyOrder("jwt.issuer-mismatch", "jwt.audience-mismatch", "jwt.missing-claim");
    assertThat(r.out()).contains("looks like an ID token", "yes (nonce)");
  }

  @Test
  void subIsRequiredOnlyWhenTheVerifierSaysSo() throws Exception {
    String token = signed(rsa, "RS256", claims().subject(null).claim("name", "alice").build());
    Run none = run("jwt", token, "--now", NOW, "--format", "json");
    assertThat(none.code()).as(none.all()).isZero();
    assertThat(ids(none.json())).doesNotContain("jwt.missing-claim");
    Run name = run("jwt", token, "--now", NOW, "--user-claim", "name", "--format", "json");
    assertThat(ids(name.json())).doesNotContain("jwt.missing-claim");
    Run sub = run("jwt", token, "--now", NOW, "--user-claim", "sub", "--format", "json");
    assertThat(ids(sub.json())).containsExactly("jwt.missing-claim");
    assertThat(sub.out()).contains("--user-claim sub");
  }

  @Test
  void expIsRequiredUnlessTheVerifierAllowsTokensWithoutIt() throws Exception {
    String token = signed(rsa, "RS256", new JWTClaimsSet.Builder().issuer(ISS).subject("ci-bot").build());
    assertThat(ids(run("jwt", token, "--now", NOW, "--format", "json").json())).containsExactly("jwt.missing-claim");
    assertThat(ids(run("jwt", token, "--now", NOW, "--allow-no-exp", "--format", "json").json())).isEmpty();
  }

  @Test
  void hs256TokenCheckedAgainstAnRsaPublicKeyIsAnAlgMismatch() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKey.Builder("an-hmac-secret-that-is-long-enough-32b".getBytes(StandardCharsets.UTF_8)).build();
    String token = signed(secret, "HS256", claims().build());
    Run r = run("jwt", token, "--now", NOW, "--public-key-file", file("pub.pem", pem(rsa)).toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(ids(r.json())).containsExactly("jwt.alg-mismatch");
    assertThat(r.out()).contains("HS256 needs an HMAC secret (oct) key, not an RSA key");
  }

  @Test
  void unsignedTokenIsAnAlgMismatch() throws Exception {
    String token = JwtFixture.sign("none", null, Map.of(), claims().build(), rsa);
    Run r = run("jwt", token, "--now", NOW, "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(ids(r.json())).containsExactly("jwt.alg-mismatch");
  }

  @Test
  void wrongHmacSecretIsAnInvalidSignatureAndRightOneVerifies() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKey.Builder("issuer-side-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8)).build();
    String token = signed(secret, "HS256", claims().build());
    Run wrong = run("", Map.of("JWT_SECRET", "api-side-secret-0123456789abcdef-x"), "jwt", token, "--secret-env", "JWT_SECRET", "--now", NOW, "--format", "json");
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(ids(wrong.json())).containsExactly("jwt.signature-invalid");
    Path f = file("secret.txt", "issuer-side-secret-0123456789abcdef\n");
    Run right = run("jwt", token, "--secret-file", f.toString(), "--now", NOW);
    assertThat(right.code()).as(right.all()).isZero();
    assertThat(right.all()).doesNotContain("issuer-side-secret");
  }

  @Test
  void rotatedJwksServedLocallyListsTheKidsItHas() throws Exception {
    String token = signed(rotatedOut, "RS256", claims().build());
    try (TinyHttpServer idp = new TinyHttpServer(Duration.ZERO)) {
      idp.serve("/certs", new JWKSet(List.of(rsa.toPublicJWK())).toString());
      Run r = run("jwt", token, "--jwks-url", idp.url("/certs").toString(), "--now", NOW, "--format", "json");
      assertThat(r.code()).as(r.all()).isEqualTo(1);
      JsonNode f = r.json().get("findings").get(0);
      assertThat(f.get("id").asText()).isEqualTo("jwt.unknown-kid");
      assertThat(f.get("evidence").get(0).get("location").get("claim").asText()).isEqualTo("kid");
      assertThat(f.get("evidence").get(0).get("facts").get("kids in the set").asText()).isEqualTo("key-2026");
      assertThat(f.get("evidence").get(0).get("facts").get("fetched").asText()).endsWith("Z (local clock)");
      assertThat(ids(r.json())).doesNotContain("jwt.signature-invalid");
      assertThat(r.json().get("steps").get(1).get("label").asText()).isEqualTo("JWKS");
    }
  }

  @Test
  void oidcDiscoveryGivesTheJwksAndTheExpectedIssuer() throws Exception {
    try (TinyHttpServer idp = new TinyHttpServer(Duration.ZERO)) {
      String issuer = idp.url("/realms/app").toString();
      idp.serve("/realms/app/.well-known/openid-configuration",
          "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + idp.url("/realms/app/certs") + "\"}");
      idp.serve("/realms/app/certs", new JWKSet(List.of(rotatedOut.toPublicJWK(), rsa.toPublicJWK())).toString());
      String good = signed(rsa, "RS256", claims().issuer(issuer).build());
      Run ok = run("jwt", good, "--oidc-issuer", issuer + "/", "--audience", "api", "--now", NOW, "--format", "json");
      assertThat(ok.code()).as(ok.all()).isZero();
      assertThat(ok.json().get("target").asText()).isEqualTo(issuer + "/");
      assertThat(idp.requested()).containsExactly("/realms/app/.well-known/openid-configuration", "/realms/app/certs");

      String other = signed(rsa, "RS256", claims().issuer("http://keycloak:8080/realms/app").build());
      Run bad = run("jwt", other, "--oidc-issuer", issuer, "--now", NOW, "--format", "json");
      assertThat(bad.code()).isEqualTo(1);
      assertThat(ids(bad.json())).containsExactly("jwt.issuer-mismatch");
      assertThat(bad.out()).contains("the discovery document");
    }
  }

  @Test
  void unreachableJwksIsAnIncompleteRunExitThree() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connections are refused
    }
    String token = signed(rsa, "RS256", claims().build());
    Run r = run("jwt", token, "--jwks-url", "http://127.0.0.1:" + port + "/certs", "--now", NOW, "--connect-timeout", "2s");
    assertThat(r.code()).as(r.all()).isEqualTo(3);
    assertThat(r.err().lines().toList()).singleElement().asString().startsWith("authdoctor: http://127.0.0.1:" + port + "/certs: JWKS could not be fetched");
    assertThat(r.out()).contains("INCOMPLETE");
    // A finding at or above --fail-on wins over the incomplete run.
    String expired = signed(rsa, "RS256", claims().expirationTime(Date.from(Instant.parse("2026-11-26T09:00:00Z"))).build());
    assertThat(run("jwt", expired, "--jwks-url", "http://127.0.0.1:" + port + "/certs", "--now", NOW).code()).isEqualTo(1);
  }

  @Test
  void serverClockTenMinutesAheadIsClockDriftAndTheRightOneIsNot() throws Exception {
    String token = signed(rsa, "RS256", claims()
        .issueTime(Date.from(Instant.now().minusSeconds(30)))
        .expirationTime(Date.from(Instant.now().plusSeconds(900))).build());
    try (TinyHttpServer skewed = new TinyHttpServer(Duration.ofMinutes(10));
        TinyHttpServer right = new TinyHttpServer(Duration.ZERO)) {
      Run r = run("jwt", token, "--server", right.url("/").toString(), "--server", skewed.url("/").toString(), "--format", "json");
      assertThat(r.code()).as(r.all()).isEqualTo(1);
      JsonNode findings = r.json().get("findings");
      assertThat(ids(r.json())).containsExactly("clock.drift");
      JsonNode evidence = findings.get(0).get("evidence").get(0);
      assertThat(evidence.get("subject").asText()).isEqualTo(skewed.url("/").toString());
      assertThat(evidence.get("text").asText()).contains("10 min ahead of the local clock");
      // steps: 1 token, 2–4 the right server's samples, 5–7 the skewed one's
      assertThat(evidence.get("location").get("step").asInt()).isEqualTo(5);
      assertThat(r.json().get("steps")).hasSize(7);
      assertThat(right.requested()).hasSize(3);
    }
  }

  @Test
  void tokenIssuedInTheFutureIsNotYetValid() throws Exception {
    String token = signed(rsa, "RS256", claims().issueTime(Date.from(Instant.parse("2026-11-26T10:05:00Z"))).build());
    Run r = run("jwt", token, "--now", NOW, "--format", "json");
    assertThat(ids(r.json())).containsExactly("jwt.not-yet-valid");
    assertThat(r.json().get("findings").get(0).get("evidence").get(0).get("location").get("claim").asText()).isEqualTo("iat");
  }

  @Test
  void badInputIsExitTwoWithOneLineNamingTheFlagOrFile() throws Exception {
    String token = signed(rsa, "RS256", claims().build());
    assertUsage(run("jwt", "not-a-token"), "authdoctor: TOKEN: not a JWT");
    assertUsage(run("jwt", token, "--secret-env", "NOPE"), "authdoctor: --secret-env: environment variable NOPE is not set");
    assertUsage(run("jwt", token, "--leeway", "soon"), "authdoctor: --leeway: bad duration 'soon'");
    assertUsage(run("jwt", token, "--now", "yesterday"), "authdoctor: --now 'yesterday': use ISO-8601");
    assertUsage(run("jwt", token, "--public-key-file", dir.resolve("missing.pem").toString()), "authdoctor: --public-key-file " + dir.resolve("missing.pem"));
    assertUsage(run("jwt", token, "--public-key-file", file("junk.pem", "hello").toString()), "authdoctor: --public-key-file");
    assertUsage(run("jwt", token, "--jwks-url", "ftp://idp/certs"), "authdoctor: --jwks-url 'ftp://idp/certs': not an http(s) URL");
    assertUsage(run("jwt", token, "--server", "http://127.0.0.1:1/", "--resolve", "nonsense"), "authdoctor: --resolve");
    assertUsage(run("", Map.of(), "jwt", "-"), "authdoctor: TOKEN: the token is empty");
  }

  private static void assertUsage(Run r, String start) {
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).startsWith(start).doesNotContain("Exception", "\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void helpHasExamplesAndSaysStdinIsSafer() {
    Run r = run("jwt", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Examples:", "authdoctor jwt -", "--secret-env", "--oidc-issuer", "shell history");
  }

  /**
   * Canary: payload, signature and secret carry recognisable strings; none of the raw token, its
   * encoded parts or the secret may reach any output (text, JSON, stderr, --output file).
   */
  @Test
  void neitherTokenNorSignatureNorSecretAppearsInAnyOutput() throws Exception {
    String secret = "CANARY-SECRET-7f3a9c-do-not-print";
    OctetSequenceKey key = new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8)).build();
    String valid = signed(key, "HS256", claims().claim("canary", "CANARY-PAYLOAD-b41d").build());
    String[] parts = valid.split("\\.");
    String forgedSignature = "CANARYxSIGNATUREx" + parts[2].substring(17);
    String token = parts[0] + "." + parts[1] + "." + forgedSignature;
    Map<String, String> env = Map.of("JWT_SECRET", secret);
    Path report = dir.resolve("report.json");
    List<Run> runs = List.of(
        run(token, env, "jwt", "-", "--secret-env", "JWT_SECRET", "--now", NOW),
        run(token, env, "jwt", "-", "--secret-env", "JWT_SECRET", "--now", NOW, "--format", "json"),
        run(token, env, "jwt", token, "--secret-env", "JWT_SECRET", "--now", NOW, "--format", "json", "--output", report.toString()),
        run(token, env, "jwt", "-", "--secret-env", "JWT_SECRET", "--now", NOW, "--server", "http://127.0.0.1:1/", "--connect-timeout", "1s"));
    List<String> outputs = new ArrayList<>();
    runs.forEach(r -> outputs.add(r.all()));
    outputs.add(Files.readString(report));
    assertThat(runs.get(0).code()).isEqualTo(1);
    assertThat(runs.get(0).out()).contains("jwt.signature-invalid");
    for (String output : outputs) {
      assertThat(output).doesNotContain(token, forgedSignature, "CANARYxSIGNATURE", parts[1], parts[2], secret, "CANARY-SECRET");
    }
  }
}
