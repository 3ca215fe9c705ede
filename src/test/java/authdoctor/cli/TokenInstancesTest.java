package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A token login across instances: an OAuth2 password grant (RFC 6749 §4.3) answering an opaque token that
 * each instance keeps in its own memory. The instance replays carry the token, so the instance that does not
 * know it is seen, and the split is a store question.
 */
class TokenInstancesTest {
  private static final String TOKEN = "0f0e0d0c0b0a09080706050403020100";

  /** One instance; {@code issues}: whether the token endpoint works here (the public side's instance). */
  private static App instance(Set<String> tokens) throws IOException {
    return new App(Map.of(
        "POST /token", x -> {
          String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (!body.contains("grant_type=password") || !body.contains("password=" + ProbeCommandTest.PASSWORD)) {
            reply(x, 400, "{\"error\":\"invalid_grant\"}", "Content-Type", "application/json");
            return;
          }
          tokens.add(TOKEN);
          reply(x, 200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}",
              "Content-Type", "application/json", "Cache-Control", "no-store");
        },
        "GET /api/me", x -> {
          if (tokens.contains(bearer(x))) {
            reply(x, 200, "{\"user\":\"alice\"}", "Content-Type", "application/json");
          } else {
            reply(x, 401, "{\"error\":\"unauthorized\"}", "Content-Type", "application/json",
                "WWW-Authenticate", "Bearer error=\"invalid_token\"");
          }
        }));
  }

  private static String bearer(HttpExchange x) {
    String a = x.getRequestHeaders().getFirst("Authorization");
    return a != null && a.startsWith("Bearer ") ? a.substring(7) : "";
  }

  @Test
  void theTokenIsReplayedToEachInstanceAndTheOneThatDoesNotKnowItIsSeen() throws IOException {
    Set<String> storeA = ConcurrentHashMap.newKeySet();
    try (App a = instance(storeA); App b = instance(ConcurrentHashMap.newKeySet())) {
      Run r = run("probe", a.url("/"), "--login", "/token", "--form-field", "grant_type=password", "--user-field",
          "username", "--password-field", "password", "--user", "alice", "--password-env", "PW",
          "--api", a.url("/api/me"), "--instance", a.url("/"), "--instance", b.url("/"), "--format", "json");
      JsonNode root = new ObjectMapper().readTree(r.out());
      List<String> ids = new ArrayList<>();
      root.get("findings").forEach(f -> ids.add(f.get("id").asText()));
      assertThat(ids).as(r.out()).contains("session.store-not-shared").doesNotContain("session.secret-mismatch");
      assertThat(root.get("findings").toString()).contains("with the bearer token → refused");
      List<String> replays = new ArrayList<>();
      root.get("steps").forEach(s -> {
        if (s.path("label").asText().startsWith("instance ")) replays.add(s.path("url").asText() + " " + s.path("status").asInt());
      });
      assertThat(replays).containsExactlyInAnyOrder(a.url("/api/me") + " 200", b.url("/api/me") + " 401");
      assertThat(r.out()).doesNotContain(TOKEN).doesNotContain(ProbeCommandTest.PASSWORD);
    }
  }
}
