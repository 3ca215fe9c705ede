package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
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
import authdoctor.observation.Problem;
import authdoctor.report.Format;
import authdoctor.report.trace.JwtSteps;
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
import java.util.List;
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
 * <p>Trace ({@link JwtSteps}): step 1 is the decoded token; then one step per HTTP request.
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
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
    if (online) http.announce(io);

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
        collected.withTrace(JwtSteps.of(collected.observations(), clock.instant(), redactor)), TOKEN);
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
}
