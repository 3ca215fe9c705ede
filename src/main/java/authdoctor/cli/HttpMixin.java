package authdoctor.cli;

import authdoctor.collect.http.HeaderArgument;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.Resolve;
import authdoctor.collect.http.TlsProvider;
import authdoctor.observation.HeaderField;
import authdoctor.scenario.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * curl's connection flags, with curl's meaning: {@code --resolve}, {@code -k/--insecure},
 * {@code --cacert}, {@code -H/--header}, {@code -A/--user-agent}, {@code --connect-timeout}, {@code --max-time}, and
 * {@code -v/--verbose}. Shared by every command that sends HTTP requests.
 */
public final class HttpMixin {
  @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR",
      description = "Connect to ADDR for HOST:PORT; the URL, TLS name and Host header stay HOST (repeatable).")
  List<String> resolve = new ArrayList<>();

  @Option(names = {"-k", "--insecure"}, description = "Do not verify TLS certificates or host names.")
  boolean insecure;

  @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the PEM certificate(s) in FILE instead of the system roots.")
  @Nullable Path caCert;

  @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
      description = "Add a header to every request; credentials (Authorization, Cookie) only to the origins named on the "
          + "command line, never on a redirect to another origin (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(names = "--location-trusted",
      description = "Let -H credentials follow the probe's redirects to other origins too (as curl's flag; the password never does).")
  boolean locationTrusted;

  @Option(names = {"-A", "--user-agent"}, paramLabel = "NAME",
      description = "The User-Agent of every request (default: Chromium's, with authdoctor/VERSION appended).")
  @Nullable String userAgent;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "Bound on each TCP connect (default: ${DEFAULT-VALUE}s).", defaultValue = "10")
  String connectTimeout = "10";

  @Option(names = "--max-time", paramLabel = "DURATION", description = "Bound on the whole run, counted from its start, each exchange included (default: ${DEFAULT-VALUE}s).", defaultValue = "30")
  String maxTime = "30";

  @Option(names = {"-v", "--verbose"}, description = "Also say on stderr which TLS implementation the requests use.")
  boolean verbose;

  /** With {@code --verbose}: one stderr line naming the requests' TLS (Conscrypt, or the JDK's and why). */
  void announce(Io io) {
    if (verbose) io.err().println("authdoctor: TLS: " + TlsProvider.describe());
  }

  /** The collector options; a bad flag value is a {@link UsageError}. */
  public HttpOptions options() {
    List<Resolve> r = new ArrayList<>();
    List<HeaderField> h = new ArrayList<>();
    try {
      for (String s : resolve) r.add(Resolve.parse(s));
      for (String s : headers) h.add(HeaderArgument.parse(s));
      // As in curl, a -H User-Agent wins over -A.
      if (userAgent != null && h.stream().noneMatch(f -> f.is("User-Agent"))) h.add(new HeaderField("User-Agent", userAgent));
      if (caCert != null && !Files.isReadable(caCert)) throw new UsageError("--cacert " + caCert + ": cannot read the file");
      return HttpOptions.defaults().withResolve(r).withInsecure(insecure).withCaCert(caCert).withExtraHeaders(h).withLocationTrusted(locationTrusted)
          .withConnectTimeout(Args.positiveDuration("--connect-timeout", connectTimeout)).withMaxTime(maxTime());
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * What is left of {@code --max-time} for the network part of a run: the bound counts from the start of
   * the process (of this call when run in-process), less {@code reserve} for what follows the network.
   */
  public Duration runTime(Duration reserve) {
    java.time.Instant start = Main.started().orElse(java.time.Instant.now());
    Duration left = Duration.between(java.time.Instant.now(), start.plus(maxTime()).minus(reserve));
    return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
  }

  /** {@code --max-time} as a duration. */
  public Duration maxTime() {
    return Args.positiveDuration("--max-time", maxTime);
  }

  /** The value of a {@code -H} header, if given. */
  public Optional<String> header(String name) {
    for (String s : headers) {
      int colon = s.indexOf(':');
      if (colon > 0 && s.substring(0, colon).strip().equalsIgnoreCase(name)) return Optional.of(s.substring(colon + 1).strip());
    }
    return Optional.empty();
  }

  /** Declares a {@code -H Authorization} value and its credential (after the scheme) to the redactor. */
  static void declare(String authorization, authdoctor.Redactor redactor) {
    redactor.credential(authorization);
    int sp = authorization.indexOf(' ');
    if (sp > 0) redactor.credential(authorization.substring(sp + 1).strip());
  }
}
