package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Step;
import authdoctor.check.Scope;
import authdoctor.checks.jwt.TokenTimes;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.Resolve;
import authdoctor.collect.jwt.JwtCollector;
import authdoctor.collect.jwt.JwtCollector.GivenKeys;
import authdoctor.collect.jwt.JwtParser;
import authdoctor.collect.jwt.KeyParser;
import authdoctor.collect.jwt.ParsedJwt;
import authdoctor.collect.jwt.ParsedKeys;
import authdoctor.observation.Collected;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtToken;
import authdoctor.observation.JwtVerification;
import authdoctor.observation.Observation;
import authdoctor.observation.Problem;
import authdoctor.report.Format;
import authdoctor.scenario.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor jwt}: decode a token and validate it the way the verifier would (time claims, issuer,
 * audience, key id, algorithm, signature), and compare server clocks. The token and any secret are
 * never printed: the token is shown as its redaction marker.
 *
 * <p>Trace: step 1 is the decoded token ({@code kind: token}: marker, header, claims, times, signature
 * verdict); then one step per HTTP request ({@code kind: http}: label, method, url, status, Date, error).
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN})
@Command(
    name = "jwt",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Decode a JWT and validate it as the verifier would.",
      "exp, nbf and iat with leeway, issuer, audience, the kid against the JWKS, the algorithm and the signature; and server clocks compared with the local one. Give TOKEN as '-' to read it from stdin: safer, it stays out of shell history."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  pbpaste | authdoctor jwt - --oidc-issuer https://login.example.com/realms/app --audience api",
      "  authdoctor jwt - --jwks-url https://login.example.com/.well-known/jwks.json < token.txt",
      "  JWT_SECRET=… authdoctor jwt - --secret-env JWT_SECRET --issuer https://api.example.com < token.txt",
      "  authdoctor jwt - --public-key-file public.pem --leeway 30s --now 2026-11-26T10:00:00Z < token.txt",
      "  authdoctor jwt - --server https://api.example.com/ --server https://login.example.com/ < token.txt",
      "",
      "The token, its signature and secrets are never printed: they appear as ‹redacted N chars fp:…›."
    })
final class JwtCommand implements Callable<Integer> {
  /** The token and clock checks; no stack (see {@link Scope}). */
  static final Scope TOKEN = Scope.areas("jwt", "clock").withoutStack();

  private final Io io;

  @Parameters(index = "0", paramLabel = "TOKEN|-", description = "The token (a 'Bearer ' prefix is fine), or '-' to read it from stdin.")
  String token = "";

  @Option(names = "--secret-env", paramLabel = "VAR", description = "Environment variable holding the HMAC secret.")
  @Nullable String secretEnv;

  @Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the HMAC secret (a trailing newline is ignored).")
  @Nullable Path secretFile;

  @Option(names = "--public-key-file", paramLabel = "FILE", description = "The verifier's key: PEM public key or certificate, JWK or JWKS.")
  @Nullable Path publicKeyFile;

  @Option(names = "--now", paramLabel = "TIME", description = "Judge the time claims at this instant (ISO-8601, default: the local clock).")
  @Nullable String now;

  @Option(names = "--server", paramLabel = "URL", description = "Read this server's clock from its Date header (repeatable).")
  List<String> servers = new ArrayList<>();

  @Mixin VerifierMixin verifier;

  @Mixin HttpMixin http;

  @Mixin OutputMixin output;

  JwtCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    String text = JwtParser.normalize(token.equals("-") ? stdin() : token);
    ParsedJwt parsed = JwtParser.parse(text, redactor);
    if (!parsed.ok()) throw new UsageError("TOKEN: " + parsed.detail());
    Duration leewayValue = verifier.leeway();
    Instant nowValue = now == null ? null : Args.instant("--now", now);
    Clock clock = nowValue == null ? Clock.systemUTC() : Clock.fixed(nowValue, ZoneOffset.UTC);
    AuthDoctor doctor = AuthDoctor.prepare(clock, redactor, output::prepare);
    List<GivenKeys> given = new ArrayList<>();
    if (secretEnv != null && secretFile != null) throw new UsageError("give the HMAC secret once: --secret-env or --secret-file, not both");
    if (secretEnv != null) given.add(secret("$" + secretEnv, envSecret(secretEnv), redactor));
    if (secretFile != null) given.add(secret(secretFile.toString(), stripNewline(read("--secret-file", secretFile)), redactor));
    if (publicKeyFile != null) {
      ParsedKeys keys = KeyParser.parse(read("--public-key-file", publicKeyFile));
      if (!keys.ok()) throw new UsageError("--public-key-file " + publicKeyFile + ": " + keys.problem());
      given.add(new GivenKeys(publicKeyFile.toString(), keys.kind(), keys.keys()));
    }
    URI jwks = verifier.jwksUrl();
    URI oidc = verifier.oidcIssuer();
    List<URI> serverUrls = servers.stream().map(s -> Args.url("--server", s)).toList();
    boolean online = jwks != null || oidc != null || !serverUrls.isEmpty();
    HttpOptions options = online ? http.options() : null;

    JwtCollector.Request request =
        new JwtCollector.Request(
            parsed, verifier.issuer(), verifier.audience(), leewayValue, nowValue == null ? "the local clock" : "--now",
            jwks, oidc, given, serverUrls, List.of(), verifier.userClaim(), verifier.allowNoExp());
    Collected collected;
    if (options == null) {
      collected = new JwtCollector(redactor, Clock.systemUTC(), null).collect(request);
    } else {
      try (HttpCollector http = new HttpCollector(options)) {
        collected = new JwtCollector(redactor, Clock.systemUTC(), http).collect(request);
      }
    }

    String target = oidc != null ? redactor.url(oidc.toString()) : verifier.issuer() != null ? verifier.issuer() : parsed.token().marker();
    // A token, not a deployment: its checks and clocks only (the HTTP requests that fetched keys or read
    // clocks are not under diagnosis), with the fixes for any stack.
    Report report = doctor.diagnose("jwt", target,
        collected.withTrace(steps(collected.observations(), clock.instant(), redactor)), TOKEN);
    for (Problem p : collected.problems()) io.err().println("authdoctor: " + Main.oneLine(redactor.scrub(p.source() + ": " + p.message())));
    return output.emit(report, redactor, io);
  }

  private String stdin() {
    try {
      InputStream in = io.in();
      byte[] bytes = in.readNBytes(JwtParser.MAX_LENGTH + 1024);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("cannot read the token from stdin: " + e.getMessage());
    }
  }

  private String envSecret(String name) {
    String v = io.env().get(name);
    if (v == null || v.isEmpty()) throw new UsageError("--secret-env: environment variable " + name + " is not set");
    return v;
  }

  private static GivenKeys secret(String source, String secret, Redactor redactor) {
    if (secret.isEmpty()) throw new UsageError("the HMAC secret from " + source + " is empty");
    redactor.credential(secret);
    return new GivenKeys(source, "pinned", List.of(KeyParser.secret(secret.getBytes(StandardCharsets.UTF_8))));
  }

  private static String stripNewline(String s) {
    return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  private static String read(String flag, Path file) {
    try {
      if (Files.size(file) > KeyParser.MAX_LENGTH) throw new UsageError(flag + " " + file + ": larger than " + KeyParser.MAX_LENGTH + " bytes");
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UsageError(flag + " " + file + ": cannot read the file: " + Args.fileProblem(file,
          e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e));
    }
  }

  /** Step 1: the token decoded (never its signature); then one step per HTTP request. */
  private static List<Step> steps(List<Observation> observations, Instant now, Redactor redactor) {
    List<Step> steps = new ArrayList<>();
    JwtToken t = observations.stream().filter(JwtToken.class::isInstance).map(JwtToken.class::cast).findFirst().orElseThrow();
    String verdict = signatureVerdict(observations);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", 1);
    json.put("kind", "token");
    json.put("token", t.marker());
    json.put("header", t.header());
    json.put("claims", t.claims());
    Map<String, Object> times = new LinkedHashMap<>();
    List<String> text = new ArrayList<>();
    text.add("token " + t.marker());
    text.add("header " + redactor.scrub(t.headerJson()));
    text.add("claims " + redactor.scrub(t.claimsJson()));
    Map<String, @Nullable Instant> claimTimes = new LinkedHashMap<>();
    claimTimes.put("iat", t.issuedAt());
    claimTimes.put("nbf", t.notBefore());
    claimTimes.put("exp", t.expiresAt());
    claimTimes.forEach(
        (name, at) -> {
          if (at == null) return;
          Map<String, Object> time = new LinkedHashMap<>();
          time.put("value", at.getEpochSecond());
          time.put("utc", TokenTimes.utc(at));
          time.put("relative", TokenTimes.relative(at, now));
          times.put(name, time);
          text.add(name + " " + TokenTimes.numericDate(at) + ", " + TokenTimes.relative(at, now));
        });
    json.put("times", times);
    json.put("signature", verdict);
    json.put("problems", t.problems());
    text.add("signature " + verdict);
    t.problems().forEach(p -> text.add("note: " + p));
    steps.add(new Step(json, text));
    for (Observation o : observations) {
      if (!(o instanceof HttpExchange x)) continue;
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("step", x.step());
      j.put("kind", "http");
      j.put("label", x.label());
      j.put("method", x.method());
      j.put("url", redactor.url(x.url().toString()));
      j.put("status", x.status());
      j.put("date", x.responseHeader("Date").orElse(null));
      j.put("error", x.error() == null ? null : redactor.scrub(x.error()));
      String line = x.label() + ": " + x.method() + " " + redactor.url(x.url().toString()) + " → "
          + (x.answered() ? x.status() + x.responseHeader("Date").map(d -> " (Date: " + d + ")").orElse("") : redactor.scrub(String.valueOf(x.error())));
      steps.add(new Step(j, List.of(line)));
    }
    return steps;
  }

  /** {@code verified with kid=…}, {@code does not verify}, or why it was not checked. */
  private static String signatureVerdict(List<Observation> observations) {
    List<JwtVerification> tried = observations.stream().filter(JwtVerification.class::isInstance).map(JwtVerification.class::cast).toList();
    boolean unsecured = observations.stream().anyMatch(o -> o instanceof JwtToken t && t.isUnsecured());
    if (unsecured) return "none (alg=none: the token is unsigned)";
    for (JwtVerification v : tried) {
      if (v.signature() == JwtVerification.Signature.VALID) return "verifies with " + v.key().describe();
    }
    if (tried.stream().anyMatch(v -> v.signature() == JwtVerification.Signature.INVALID)) return "does not verify with the key(s) given";
    if (!tried.isEmpty()) return "not checked: no key of the right type";
    boolean keys = observations.stream().anyMatch(o -> o instanceof authdoctor.observation.JwtKeySet);
    return keys
        ? "not checked: no key in the set matches the token's kid"
        : "not checked (no key given: --jwks-url, --oidc-issuer, --secret-env, --secret-file or --public-key-file)";
  }
}
