package authdoctor.testing;

import authdoctor.Redactor;
import authdoctor.collect.jwt.JwtCollector;
import authdoctor.collect.jwt.JwtCollector.GivenKeys;
import authdoctor.collect.jwt.JwtCollector.SampledServer;
import authdoctor.collect.jwt.JwtParser;
import authdoctor.collect.jwt.KeyParser;
import authdoctor.collect.jwt.ParsedJwt;
import authdoctor.collect.jwt.ParsedKeys;
import authdoctor.collect.jwt.ServerClocks;
import authdoctor.observation.ServerClock.Sample;
import authdoctor.scenario.Durations;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code .jwt.yaml} fixture format (see {@code src/test/resources/checks/README.md}): a token
 * described by its header and claims, signed at test time with a key generated for the run (or a secret
 * given in the file), the verifier's keys and expectations, and optional server {@code Date} samples.
 * {@link #request} turns it into the collector's input, so fixtures run through the real collector.
 *
 * @param token the signed token, compact form
 * @param signingKey the key that signed it (null for {@code alg: none})
 * @param expected expectations as {@code "<id> claim <name>"} or {@code "<id> step <n>"}
 */
public record JwtFixture(
    String token, JWK signingKey, JwtCollector.Request request, Set<String> expected) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Reads a fixture and signs its token; the redactor is told about the token, as the command would. */
  @SuppressWarnings("unchecked")
  public static JwtFixture parse(String yaml, Redactor redactor) throws Exception {
    Map<String, Object> root = YAML.readValue(yaml, Map.class);
    Map<String, Object> sign = map(root.get("sign"));
    String keyType = (String) sign.getOrDefault("key", "rsa");
    String kid = (String) sign.get("kid");
    JWK signing = generate(keyType, kid, (String) sign.get("secret"));
    String alg = (String) sign.getOrDefault("alg", defaultAlg(keyType));

    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    map(root.get("claims")).forEach((name, value) -> claims.claim(name, claimValue(value)));
    String token = sign(alg, kid, map(root.get("header")), claims.build(), signing);

    Map<String, Object> verifier = map(root.get("verifier"));
    List<GivenKeys> given = new ArrayList<>();
    if (verifier.containsKey("jwks")) {
      List<JWK> keys = new ArrayList<>();
      for (Object entry : (List<Object>) verifier.get("jwks")) keys.add(key(entry, signing));
      given.add(keys("jwks.json", new JWKSet(keys).toString(true)));
    }
    if (verifier.containsKey("key")) {
      Object entry = verifier.get("key");
      JWK k = key(entry, signing);
      boolean pem = entry instanceof Map<?, ?> m && "pem".equals(m.get("format"));
      given.add(keys(pem ? "key.pem" : "key.jwk", pem ? pem(k) : k.toJSONString()));
    }
    if (verifier.containsKey("secret")) {
      byte[] secret = ((String) verifier.get("secret")).getBytes(StandardCharsets.UTF_8);
      redactor.remember((String) verifier.get("secret"));
      given.add(new GivenKeys("$JWT_SECRET", "pinned", List.of(KeyParser.secret(secret))));
    }

    List<SampledServer> servers = new ArrayList<>();
    for (Object s : (List<Object>) root.getOrDefault("servers", List.of())) {
      Map<String, Object> server = map(s);
      List<Sample> samples = new ArrayList<>();
      for (Object o : (List<Object>) server.get("samples")) {
        Map<String, Object> sample = map(o);
        String date = (String) sample.get("date");
        samples.add(new Sample(instant(sample.get("sent")), instant(sample.get("received")), date,
            ServerClocks.parseDate(date).orElseThrow(() -> new IllegalArgumentException("fixture: bad date " + date))));
      }
      servers.add(new SampledServer(URI.create((String) server.get("url")), samples));
    }

    ParsedJwt parsed = JwtParser.parse(token, redactor);
    if (!parsed.ok()) throw new IllegalArgumentException("fixture token does not parse: " + parsed.detail());
    Duration leeway = Durations.parse(String.valueOf(verifier.getOrDefault("leeway", "0")));
    JwtCollector.Request request =
        new JwtCollector.Request(
            parsed, (String) verifier.get("issuer"), (String) verifier.get("audience"), leeway, "the fixture clock",
            null, null, given, List.of(), servers, (String) verifier.get("user_claim"),
            Boolean.TRUE.equals(verifier.get("allow_no_exp")));
    Set<String> expected = new LinkedHashSet<>();
    for (Object e : (List<Object>) root.getOrDefault("expect", List.of())) expected.add((String) e);
    return new JwtFixture(token, signing, request, expected);
  }

  private static GivenKeys keys(String source, String text) {
    ParsedKeys parsed = KeyParser.parse(text);
    if (!parsed.ok()) throw new IllegalArgumentException("fixture keys do not parse: " + parsed.problem());
    return new GivenKeys(source, parsed.kind(), parsed.keys());
  }

  /** {@code signing}, or a map: {@code {signing: true, alg: RS384}} or {@code {kty: RSA|EC|oct, kid, alg}}. */
  private static JWK key(Object entry, JWK signing) throws Exception {
    if ("signing".equals(entry)) return signing;
    Map<String, Object> m = map(entry);
    String kid = (String) m.get("kid");
    JWK base = Boolean.TRUE.equals(m.get("signing"))
        ? signing
        : generate(switch (String.valueOf(m.getOrDefault("kty", "RSA"))) {
            case "EC" -> "ec";
            case "oct" -> "hmac";
            default -> "rsa";
          }, kid, (String) m.get("secret"));
    Map<String, Object> json = new LinkedHashMap<>(base.toJSONObject());
    if (m.containsKey("kid")) json.put("kid", kid);
    if (m.containsKey("alg")) json.put("alg", m.get("alg"));
    return JWK.parse(json);
  }

  private static JWK generate(String type, String kid, String secret) throws Exception {
    return switch (type) {
      case "rsa" -> new RSAKeyGenerator(2048).keyID(kid).generate();
      case "ec" -> new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
      case "hmac" -> new OctetSequenceKey.Builder(
              (secret == null ? "fixture-secret-0123456789abcdef-0123456789" : secret).getBytes(StandardCharsets.UTF_8))
          .keyID(kid).build();
      case "none" -> new OctetSequenceKey.Builder(new byte[32]).build();
      default -> throw new IllegalArgumentException("fixture: unknown sign.key " + type);
    };
  }

  private static String defaultAlg(String keyType) {
    return switch (keyType) {
      case "ec" -> "ES256";
      case "hmac" -> "HS256";
      case "none" -> "none";
      default -> "RS256";
    };
  }

  /** Signs with nimbus; an HMAC secret shorter than the hash is signed with the same HMAC primitive. */
  public static String sign(String alg, String kid, Map<String, Object> extraHeader, JWTClaimsSet claims, JWK key) throws Exception {
    if (alg.equals("none")) return new PlainJWT(claims).serialize();
    JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).type(JOSEObjectType.JWT);
    if (kid != null) h.keyID(kid);
    extraHeader.forEach(h::customParam);
    SignedJWT jwt = new SignedJWT(h.build(), claims);
    switch (key) {
      case RSAKey rsa -> jwt.sign(new RSASSASigner(rsa));
      case ECKey ec -> jwt.sign(new ECDSASigner(ec));
      case OctetSequenceKey oct when oct.size() >= 256 -> jwt.sign(new MACSigner(oct));
      case OctetSequenceKey oct -> {
        String jca = "HmacSHA" + alg.substring(2);
        byte[] mac = com.nimbusds.jose.crypto.impl.HMAC.compute(
            jca, new javax.crypto.spec.SecretKeySpec(oct.toByteArray(), jca), jwt.getSigningInput(), null);
        return jwt.getHeader().toBase64URL() + "." + jwt.getPayload().toBase64URL() + "." + Base64URL.encode(mac);
      }
      default -> throw new IllegalArgumentException("cannot sign with " + key.getKeyType());
    }
    return jwt.serialize();
  }

  private static String pem(JWK k) throws Exception {
    byte[] der = switch (k) {
      case RSAKey rsa -> ((RSAPublicKey) rsa.toPublicKey()).getEncoded();
      case ECKey ec -> ((ECPublicKey) ec.toPublicKey()).getEncoded();
      default -> throw new IllegalArgumentException("no PEM for " + k.getKeyType());
    };
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** Instants (ISO-8601) become NumericDates; other values stay. */
  private static Object claimValue(Object v) {
    if (v instanceof String s && s.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) return Date.from(Instant.parse(s));
    if (v instanceof Date d) return d;
    return v;
  }

  private static Instant instant(Object v) {
    return v instanceof Date d ? d.toInstant() : Instant.parse(String.valueOf(v));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }
}
