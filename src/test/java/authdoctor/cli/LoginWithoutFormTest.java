package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * No form, nothing sent: the password goes to a login form, a {@code --login-json} target, or an endpoint
 * without a page (404/405 to GET) whose request the user described; never to a login URL that answered a
 * redirect the probe did not follow, nor to an endpoint whose request nobody described.
 */
class LoginWithoutFormTest {
  private static final String TOKEN = "5e0b7a1c9d3f42e8a6b0c4d2e1f3a5b7";

  /** What the app's POSTs carried. */
  private final List<String> posted = new CopyOnWriteArrayList<>();

  private App app(App.Handler loginPage) throws IOException {
    return new App(Map.of(
        "GET /login", loginPage,
        "POST /login", x -> {
          posted.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          reply(x, 200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\"}", "Content-Type", "application/json");
        },
        "GET /api/me", x -> {
          boolean ok = ("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"));
          reply(x, ok ? 200 : 401, ok ? "{\"user\":\"alice\"}" : "", "Content-Type", "application/json");
        }));
  }

  private static Run probe(App a, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("probe", a.url("/"), "--login", "/login", "--user", "alice",
        "--password-env", "PW", "--api", "/api/me", "-q", "--format", "json"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void aLoginUrlWhoseRedirectWasNotFollowedGetsNoPassword() throws IOException {
    // A browser refuses a redirect to a non-HTTP URL: no form was ever seen.
    try (App a = app(x -> reply(x, 302, "", "Location", "javascript:alert(1)"))) {
      Run r = probe(a, "--direct", a.url("/"));
      assertThat(posted).as(r.err()).isEmpty();
      assertThat(r.err()).contains("no login form", "a redirect that was not followed", "nothing was sent");
      assertThat(r.out() + r.err()).doesNotContain(ProbeCommandTest.PASSWORD);
      // The redirect is what to diagnose: the login page's answer is compared through the proxy and direct.
      List<String> labels = new java.util.ArrayList<>();
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("steps")
          .forEach(st -> labels.add(st.path("label").asText()));
      assertThat(labels).contains("direct plain: GET /login", "direct with X-Forwarded-*: GET /login");
    }
  }

  @Test
  void aLoginUrlRedirectingToAnUnreachableHostGetsNoPassword() throws IOException {
    try (App a = app(x -> reply(x, 302, "", "Location", "https://sso.example.invalid/login"))) {
      Run r = probe(a);
      assertThat(posted).as(r.err()).isEmpty();
      assertThat(r.err()).contains("nothing was sent");
    }
  }

  @Test
  void anEndpointWithoutAPageGetsNoPasswordUnlessItsRequestIsDescribed() throws IOException {
    try (App a = app(x -> reply(x, 405, "", "Allow", "POST"))) {
      Run r = probe(a);
      assertThat(posted).as(r.err()).isEmpty();
      assertThat(r.err()).contains("endpoint without a page", "--user-field", "nothing was sent");
    }
  }

  @Test
  void anEndpointWithoutAPageWhoseFieldsAreGivenTakesThePost() throws IOException {
    for (int status : new int[] {404, 405}) {
      posted.clear();
      try (App a = app(x -> reply(x, status, ""))) {
        Run r = probe(a, "--user-field", "login", "--password-field", "secret");
        assertThat(posted).as(status + ": " + r.err()).singleElement()
            .satisfies(b -> assertThat(b).contains("login=alice", "secret=" + ProbeCommandTest.PASSWORD));
        assertThat(r.code()).as(r.err()).isZero();
      }
    }
  }
}
