package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.cookie.RequestContext;
import authdoctor.observation.HttpExchange;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which cookie or token is the session (#23): a hub with a signed login cookie next to an opaque id,
 * a password grant whose opaque tokens each instance keeps to itself, a JWT naming its user in
 * {@code name}. Instances are asked directly, with exactly the cookie or token given.
 */
class SessionEvidenceLabTest {
  /** GET of {@code path} on one instance's own port, with the public Host and the given headers. */
  static HttpExchange direct(LabDeployment lab, URI instance, String path, Map<String, String> headers) {
    try (HttpCollector http = new HttpCollector(HttpOptions.defaults())) {
      HttpRequestSpec spec = HttpRequestSpec.get(1, "direct " + path, instance.resolve(path))
          .withHeader("Host", lab.baseUrl().getAuthority()).withHeader("X-Forwarded-Proto", "https");
      for (Map.Entry<String, String> h : headers.entrySet()) spec = spec.withHeader(h.getKey(), h.getValue());
      return http.send(spec);
    }
  }

  static boolean shows(HttpExchange x, String user) {
    return x.status() == 200 && (x.body().contains("Signed in as " + user) || x.body().contains("\"user\":\"" + user + "\""));
  }

  @Test
  @LabCase("flask-hub-secret-mismatch")
  void theSignedLoginCookieIsTheSessionAndEachInstanceHasItsOwnSecret(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.login();
      assertThat(login.status()).isEqualTo(302);
      String id = login.cookie("hub-session-id").orElseThrow().parsed().value();
      String signed = login.cookie("hub-hub-login").orElseThrow().parsed().value();
      assertThat(id).as("an opaque 32-character id").matches("[0-9a-f]{32}");
      assertThat(login.setCookies()).anySatisfy(c -> assertThat(c).startsWith("hub-hub-login=").contains("Path=/hub/"));
      int in = b.signedInCount(20);
      assertThat(in).as("some of 20 reloads are signed out").isBetween(1, 19);

      List<URI> instances = lab.directUrls();
      String both = "hub-session-id=" + id + "; hub-hub-login=" + signed;
      long accepting = instances.stream().filter(i -> shows(direct(lab, i, "/hub/home", Map.of("Cookie", both)), lab.user())).count();
      assertThat(accepting).as("exactly one instance accepts the login cookie").isEqualTo(1);
      for (URI i : instances) {
        assertThat(shows(direct(lab, i, "/hub/home", Map.of("Cookie", "hub-session-id=" + id)), lab.user()))
            .as("the opaque id alone signs in nowhere (" + i + ")").isFalse();
      }
      assertThat(instances.stream().filter(i -> shows(direct(lab, i, "/hub/home", Map.of("Cookie", "hub-hub-login=" + signed)), lab.user())))
          .as("the signed cookie alone signs in where it was made").hasSize(1);
    }
  }

  @Test
  @LabCase("flask-password-grant-store-not-shared")
  void eachInstanceKnowsOnlyTheTokensItIssued(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response token = b.login();
      assertThat(token.status()).as("the password grant").isEqualTo(200);
      String t = b.token().orElseThrow();
      assertThat(t).as("an opaque token").matches("[0-9a-f]{32}");
      int accepted = 0;
      for (int i = 0; i < 20; i++) {
        LabBrowser.Response me = b.send("GET", lab.dashboard(), RequestContext.typed(), null, null, Map.of("Authorization", "Bearer " + t));
        if (b.showsUser(me)) accepted++;
        else assertThat(me.status()).isEqualTo(401);
      }
      assertThat(accepted).as("some of 20 API calls accept the token").isBetween(1, 19);
      assertThat(lab.directUrls().stream().filter(i -> shows(direct(lab, i, "/api/me", Map.of("Authorization", "Bearer " + t)), lab.user())))
          .as("exactly one instance knows the token").hasSize(1);
    }
  }

  @Test
  @LabCase("flask-jwt-login-name-claim")
  void theJwtNamesItsUserInName(LabDeployment lab) throws IOException {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().status()).isEqualTo(200);
      String t = b.token().orElseThrow();
      JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(t.split("\\.")[1]));
      assertThat(claims.path("name").asText()).isEqualTo(lab.user());
      assertThat(claims.has("sub")).as("no sub claim").isFalse();
      assertThat(claims.has("exp")).isTrue();
      LabBrowser.Response me = b.send("GET", lab.dashboard(), RequestContext.typed(), null, null, Map.of("Authorization", "Bearer " + t));
      assertThat(b.showsUser(me)).as("the API accepts it").isTrue();
    }
  }
}
