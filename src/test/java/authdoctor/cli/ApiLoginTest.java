package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A login that is an API endpoint (a JSON login, a token endpoint): no login page, failures named by request. */
class ApiLoginTest {
  private static final String TOKEN = "tok-7c1d0e5a9b3f4a2e8d6c";

  private static List<String> labels(Run r) throws IOException {
    JsonNode root = new ObjectMapper().readTree(r.out());
    List<String> out = new ArrayList<>();
    root.get("steps").forEach(s -> out.add(s.path("label").asText()));
    return out;
  }

  private static App api(AtomicInteger gets, int loginStatus, String loginBody) throws IOException {
    return new App(Map.of(
        "GET /auth/token", x -> {
          gets.incrementAndGet();
          reply(x, 404, "{\"detail\":\"Not Found\"}", "Content-Type", "application/json");
        },
        "POST /auth/token", x -> reply(x, loginStatus, loginBody, "Content-Type", "application/json"),
        "GET /api/me", x -> {
          boolean ok = ("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"));
          reply(x, ok ? 200 : 401, ok ? "{\"user\":\"alice\"}" : "", "Content-Type", "application/json");
        }));
  }

  @Test
  void aJsonLoginHasNoLoginPageStep() throws IOException {
    AtomicInteger gets = new AtomicInteger();
    try (App app = api(gets, 200, "{\"access_token\":\"" + TOKEN + "\"}")) {
      Run r = run("probe", app.url("/"), "--login", "/auth/token", "--login-json",
          "{\"username\":\"{user}\",\"password\":\"{password}\"}", "--user", "alice", "--password-env", "PW",
          "--api", "/api/me", "--format", "json");
      assertThat(gets).hasValue(0);
      assertThat(labels(r)).doesNotContain("login page").contains("login");
      assertThat(r.err()).doesNotContain("did not succeed").doesNotContain("check --user");
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  @Test
  void aTokenEndpointThatRefusesGetIsNotALoginPage() throws IOException {
    AtomicInteger gets = new AtomicInteger();
    try (App app = api(gets, 200, "{\"access_token\":\"" + TOKEN + "\"}")) {
      Run r = run("probe", app.url("/"), "--login", "/auth/token", "--form-field", "grant_type=password",
          "--user", "alice", "--password-env", "PW", "--api", "/api/me", "--format", "json");
      assertThat(gets).hasValue(1);
      JsonNode root = new ObjectMapper().readTree(r.out());
      List<String> notes = new ArrayList<>();
      root.get("steps").forEach(s -> notes.add(s.path("note").asText()));
      assertThat(notes).anySatisfy(n -> assertThat(n).contains("answered 404", "its POST alone"));
      assertThat(r.err()).doesNotContain("did not succeed");
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  @Test
  void aFailedApiLoginNamesTheRequestAndWhatItAnswered() throws IOException {
    AtomicInteger gets = new AtomicInteger();
    try (App app = api(gets, 500, "{\"error\":\"database is locked\"}")) {
      Run r = run("probe", app.url("/"), "--login", "/auth/token", "--login-json",
          "{\"username\":\"{user}\",\"password\":\"{password}\"}", "--user", "alice", "--password-env", "PW",
          "--format", "json");
      assertThat(r.err()).contains("POST " + app.url("/auth/token") + " answered 500", "database is locked")
          .doesNotContain("check --user");
    }
  }

  @Test
  void aRefusedPasswordStillPointsAtTheCredentials() throws IOException {
    AtomicInteger gets = new AtomicInteger();
    try (App app = api(gets, 401, "{\"error\":\"invalid_grant\"}")) {
      Run r = run("probe", app.url("/"), "--login", "/auth/token", "--login-json",
          "{\"username\":\"{user}\",\"password\":\"{password}\"}", "--user", "alice", "--password-env", "PW",
          "--format", "json");
      assertThat(r.err()).contains("answered 401", "invalid_grant", "check --user");
    }
  }
}
