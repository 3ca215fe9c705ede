package authdoctor.checks.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.checks.Checks;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observation;
import authdoctor.testing.TestRedactors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An identity provider behind a TLS proxy that does not say https: its discovery document names it on
 * http at the same host and port. That is {@code proxy.forwarded-proto-missing} (of the provider's proxy);
 * the app's redirect to the published http endpoint repeats the document and is not a second cause.
 */
class ProviderForwardedProtoTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final String ISSUER = "sso.example.com:8443/realms/lab";
  private static final URI DISCOVERY = URI.create("https://" + ISSUER + "/.well-known/openid-configuration");
  private static final URI START = URI.create("https://app.example.com/login");

  /** The probe's public trial of the app, which answered as it should (relative redirect): no app-side finding. */
  private static final ForwardingTrial TRIAL = new ForwardingTrial(3, "GET /dashboard", ForwardingTrial.Via.PUBLIC,
      URI.create("https://app.example.com/dashboard"), URI.create("https://app.example.com/dashboard"), Map.of(), null, null,
      List.of(), 302);

  private static List<String> ids(List<Observation> given) {
    List<Observation> o = new ArrayList<>(given);
    o.add(TRIAL);
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), CLOCK, TestRedactors.fixed());
    Report r = engine.report("probe", "https://app.example.com", Engine.observations(o), Stack.UNKNOWN, List.of(), List.of());
    return r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::id).toList();
  }

  private static HttpExchange exchange(int step, URI url, int status, @Nullable String location, String body) {
    return new HttpExchange(step, "x", "GET", url, List.of(), status, "http/1.1",
        location == null ? List.of() : List.of(new HeaderField("Location", location)), body, false, Duration.ZERO, null, null);
  }

  private static HttpExchange discovery(String scheme) {
    String base = scheme + "://" + ISSUER;
    return exchange(1, DISCOVERY, 200, null, "{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base
        + "/protocol/openid-connect/auth\",\"token_endpoint\":\"" + base + "/protocol/openid-connect/token\"}");
  }

  private static HttpExchange start(String target) {
    return exchange(2, START, 302, target + "?response_type=code&client_id=web&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb", "");
  }

  @Test
  void aProviderPublishedOnHttpBehindTlsIsTheMissingForwardedProto() {
    List<String> ids = ids(List.of(discovery("http"), start("http://" + ISSUER + "/protocol/openid-connect/auth")));
    assertThat(ids).contains("proxy.forwarded-proto-missing").doesNotContain("redirect.https-downgrade");
  }

  @Test
  void aProviderPublishedOnHttpsIsNoFinding() {
    assertThat(ids(List.of(discovery("https"), start("https://" + ISSUER + "/protocol/openid-connect/auth")))).isEmpty();
  }

  @Test
  void theAppsOwnRedirectToHttpStaysADowngrade() {
    List<String> ids = ids(List.of(discovery("https"), start("http://" + ISSUER + "/protocol/openid-connect/auth")));
    assertThat(ids).contains("redirect.https-downgrade").doesNotContain("proxy.forwarded-proto-missing");
  }

  @Test
  void anotherPortIsNotTheScheme() {
    // http://sso.example.com:8080: the provider's own port leaks; the proxy did not pass the public host and port.
    HttpExchange d = exchange(1, DISCOVERY, 200, null, "{\"issuer\":\"http://sso.example.com:8080/realms/lab\"}");
    assertThat(ids(List.of(d))).doesNotContain("proxy.forwarded-proto-missing");
  }
}
