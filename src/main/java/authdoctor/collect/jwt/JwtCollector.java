package authdoctor.collect.jwt;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.collect.Collector;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.observation.Collected;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtExpectation;
import authdoctor.observation.JwtKeySet;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observation;
import authdoctor.observation.Problem;
import authdoctor.observation.ServerClock;
import authdoctor.observation.ServerClock.Sample;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Collects everything the {@code jwt} checks read: the decoded token, what the verifier expects, the
 * verifier's keys (given, or fetched from a JWKS URL or through OIDC discovery), one signature
 * verification per candidate key, and server clocks from {@code Date} headers. Network failures become
 * {@link Problem}s; the HTTP exchanges made are returned too, for the command's trace.
 *
 * <p>Trace steps: 1 is the token; each HTTP request gets the next number.
 */
public final class JwtCollector implements Collector<JwtCollector.Request> {
  /** Samples per {@code --server}: enough to narrow the one-second {@code Date} resolution a little. */
  public static final int SAMPLES = 3;

  private final Redactor redactor;
  private final Clock localClock;
  private final @Nullable HttpCollector http;

  /**
   * @param localClock the real local clock, used to time {@code Date} samples (never {@code --now})
   * @param http the HTTP collector, or null for an offline run (no JWKS URL, issuer or server then)
   */
  public JwtCollector(Redactor redactor, Clock localClock, @Nullable HttpCollector http) {
    this.redactor = requireNonNull(redactor);
    this.localClock = requireNonNull(localClock);
    this.http = http;
  }

  /** Keys the user gave directly: a key file, or an HMAC secret. */
  public record GivenKeys(String source, String kind, List<JWK> keys) {
    public GivenKeys {
      requireNonNull(source);
      requireNonNull(kind);
      keys = List.copyOf(keys);
    }
  }

  /** Samples of one server taken elsewhere (fixtures), turned into a clock like live ones. */
  public record SampledServer(URI url, List<Sample> samples) {
    public SampledServer {
      requireNonNull(url);
      samples = List.copyOf(samples);
    }
  }

  /**
   * What to collect.
   *
   * @param token the decoded token (must be {@linkplain ParsedJwt#ok() ok})
   * @param issuer {@code --issuer}, or null
   * @param audience {@code --audience}, or null
   * @param leeway {@code --leeway}
   * @param reference {@code the local clock} or {@code --now}
   * @param jwksUrl {@code --jwks-url}, or null
   * @param oidcIssuer {@code --oidc-issuer}, or null
   * @param given keys from files or the environment
   * @param servers {@code --server} URLs to read {@code Date} from
   * @param sampled servers already sampled
   * @param userClaim {@code --user-claim}: the claim the verifier requires for the user, or null
   * @param expOptional {@code --allow-no-exp}: the verifier accepts tokens without {@code exp}
   */
  public record Request(
      ParsedJwt token,
      @Nullable String issuer,
      @Nullable String audience,
      Duration leeway,
      String reference,
      @Nullable URI jwksUrl,
      @Nullable URI oidcIssuer,
      List<GivenKeys> given,
      List<URI> servers,
      List<SampledServer> sampled,
      @Nullable String userClaim,
      boolean expOptional) {
    public Request {
      requireNonNull(token);
      if (!token.ok()) throw new IllegalArgumentException("not a readable token: " + token.detail());
      requireNonNull(leeway);
      requireNonNull(reference);
      given = List.copyOf(given);
      servers = List.copyOf(servers);
      sampled = List.copyOf(sampled);
    }

    /** A verifier that requires {@code exp} and names no user claim. */
    public Request(ParsedJwt token, @Nullable String issuer, @Nullable String audience, Duration leeway,
        String reference, @Nullable URI jwksUrl, @Nullable URI oidcIssuer, List<GivenKeys> given, List<URI> servers,
        List<SampledServer> sampled) {
      this(token, issuer, audience, leeway, reference, jwksUrl, oidcIssuer, given, servers, sampled, null, false);
    }
  }

  /** The observations (token first) and the problems met; no trace (the command renders its own). */
  @Override
  public Collected collect(Request r) {
    return collect(r, 1);
  }

  /**
   * Collects with the trace numbered from {@code tokenStep}: the token is that step, each HTTP request the
   * next one (the probe inserts the token's facts into its own trace).
   */
  public Collected collect(Request r, int tokenStep) {
    List<Observation> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    JwtToken token = requireNonNull(r.token().token());
    out.add(token);
    int[] step = {tokenStep};

    String issuer = r.issuer();
    String issuerSource = "--issuer";
    URI jwksUrl = r.jwksUrl();
    if (r.oidcIssuer() != null) {
      URI discovery = discoveryUrl(r.oidcIssuer());
      Optional<Map<String, Object>> doc = fetchJson(++step[0], "OIDC discovery", discovery, out, problems);
      if (doc.isPresent()) {
        if (issuer == null && doc.get().get("issuer") instanceof String s) {
          issuer = s;
          issuerSource = "the discovery document " + redactor.url(discovery.toString());
        }
        Object uri = doc.get().get("jwks_uri");
        if (jwksUrl == null && uri instanceof String s) {
          try {
            jwksUrl = discovery.resolve(s);
          } catch (IllegalArgumentException e) {
            problems.add(new Problem(discovery.toString(), "jwks_uri is not a URL: " + s));
          }
        } else if (jwksUrl == null) {
          problems.add(new Problem(discovery.toString(), "the discovery document has no jwks_uri"));
        }
      }
    }
    out.add(new JwtExpectation(issuer, issuerSource, r.audience(), r.leeway(), r.reference(), r.userClaim(), r.expOptional()));

    for (GivenKeys g : r.given()) keySet(token, r.token(), g.source(), g.kind(), g.keys(), null, out);
    if (jwksUrl != null) {
      URI url = jwksUrl;
      Instant fetchedAt = localClock.instant();
      Optional<String> body = fetchText(++step[0], "JWKS", url, out, problems);
      if (body.isPresent()) {
        ParsedKeys keys = KeyParser.parse(body.get());
        if (!keys.ok()) {
          problems.add(new Problem(redactor.url(url.toString()), "the JWKS cannot be read: " + keys.problem()));
        } else {
          keySet(token, r.token(), url.toString(), "jwks", keys.keys(), fetchedAt, out);
        }
      }
    }

    for (URI server : r.servers()) {
      int first = step[0] + 1;
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        Optional<Sample> s = sample(++step[0], server, i + 1, out, problems);
        if (s.isEmpty()) break; // one failure is enough: the problem names it
        samples.add(s.get());
      }
      if (!samples.isEmpty()) out.add(ServerClocks.estimate(first, server, samples));
    }
    for (SampledServer s : r.sampled()) {
      out.add(ServerClocks.estimate(++step[0], s.url(), s.samples()));
    }
    return new Collected(out, problems);
  }

  private void keySet(
      JwtToken token, ParsedJwt parsed, String source, String kind, List<JWK> keys, @Nullable Instant fetchedAt, List<Observation> out) {
    out.add(new JwtKeySet(source, kind, keys.stream().map(k -> SignatureVerifier.describe(k, redactor)).toList(), fetchedAt));
    out.addAll(SignatureVerifier.verify(token, requireNonNull(parsed.jwt()), keys, kind, source, redactor));
  }

  /** OIDC Discovery 1.0 §4: the issuer with any trailing slash removed, plus the well-known path. */
  public static URI discoveryUrl(URI issuer) {
    String s = issuer.toString();
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return URI.create(s + "/.well-known/openid-configuration");
  }

  private Optional<Sample> sample(int step, URI server, int n, List<Observation> out, List<Problem> problems) {
    HttpCollector client = requireNonNull(http, "no HTTP collector for --server");
    Instant sent = localClock.instant();
    HttpExchange x = client.send(HttpRequestSpec.get(step, "clock sample " + n, server));
    Instant received = localClock.instant();
    out.add(x);
    if (!x.answered()) {
      problems.add(new Problem(redactor.url(server.toString()), "no answer: " + x.error()));
      return Optional.empty();
    }
    Optional<String> date = x.responseHeader("Date");
    if (date.isEmpty()) {
      problems.add(new Problem(redactor.url(server.toString()), "the response has no Date header, so its clock cannot be read"));
      return Optional.empty();
    }
    Optional<Instant> parsed = ServerClocks.parseDate(date.get());
    if (parsed.isEmpty()) {
      problems.add(new Problem(redactor.url(server.toString()), "the Date header is not an HTTP date: " + redactor.scrub(date.get())));
      return Optional.empty();
    }
    return Optional.of(new Sample(sent, received, date.get(), parsed.get()));
  }

  private Optional<String> fetchText(int step, String label, URI url, List<Observation> out, List<Problem> problems) {
    HttpCollector client = requireNonNull(http, "no HTTP collector for " + label);
    HttpExchange x = client.send(HttpRequestSpec.get(step, label, url).withHeader("Accept", "application/json"));
    out.add(x);
    String shown = redactor.url(url.toString());
    if (!x.answered()) {
      problems.add(new Problem(shown, label + " could not be fetched: " + x.error()));
      return Optional.empty();
    }
    if (x.status() != 200) {
      problems.add(new Problem(shown, label + " answered HTTP " + x.status() + ", not 200"));
      return Optional.empty();
    }
    if (x.bodyTruncated()) {
      problems.add(new Problem(shown, label + " is larger than the body bound; not read"));
      return Optional.empty();
    }
    return Optional.of(x.body());
  }

  private Optional<Map<String, Object>> fetchJson(int step, String label, URI url, List<Observation> out, List<Problem> problems) {
    return fetchText(step, label, url, out, problems)
        .flatMap(
            body -> {
              try {
                return Optional.of(JSONObjectUtils.parse(body));
              } catch (ParseException e) {
                problems.add(new Problem(redactor.url(url.toString()), label + " is not a JSON object"));
                return Optional.empty();
              }
            });
  }
}
