package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.RedisServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store --session-lifetime}: a real Redis whose connect-redis sessions live a day (its default TTL)
 * while the app's cookie lives 14 days — users signed out early — then sessions that outlive the app's
 * lifetime, then ones that agree with it.
 */
class StoreLifetimeTest {
  @TempDir Path dir;

  private static JsonNode run(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), Map.of(), false));
    assertThat(code).as(err.toString()).isIn(0, 1);
    return new ObjectMapper().readTree(out.toString());
  }

  private static JsonNode lifetimeStep(JsonNode report) {
    for (JsonNode s : report.get("steps")) if (s.path("label").asText().equals("session lifetime")) return s;
    throw new AssertionError("no session lifetime step: " + report);
  }

  @Test
  void theSampledTtlsAreComparedWithTheAppsLifetime() throws Exception {
    try (RedisServer redis = RedisServer.start(dir, List.of("appendonly yes"))) {
      String url = "redis://127.0.0.1:" + redis.port() + "/0";
      for (int i = 0; i < 3; i++) redis.set("sess:canaryLifetimeId" + i + "AbCdEfGh", "{}".getBytes(StandardCharsets.UTF_8), 86_400);
      JsonNode early = lifetimeStep(run("store", url, "--session-lifetime", "14d", "--format", "json"));
      assertThat(early.get("lifetime_seconds").asLong()).isEqualTo(14 * 86_400L);
      JsonNode sess = early.get("patterns").get(0);
      assertThat(sess.get("prefix").asText()).isEqualTo("sess:");
      assertThat(sess.get("with_ttl").asInt()).isEqualTo(3);
      assertThat(sess.get("verdict").asText()).contains("signed out early");

      JsonNode longer = lifetimeStep(run("store", url, "--session-lifetime", "1h", "--format", "json"));
      assertThat(longer.get("patterns").get(0).get("longer_than_lifetime").asInt()).isEqualTo(3);

      JsonNode agrees = lifetimeStep(run("store", url, "--session-lifetime", "24h", "--format", "json"));
      assertThat(agrees.get("patterns").get(0).get("verdict").asText()).startsWith("consistent");

      JsonNode none = run("store", url, "--format", "json");
      for (JsonNode s : none.get("steps")) assertThat(s.path("label").asText()).isNotEqualTo("session lifetime");
    }
  }

  @Test
  void aBadLifetimeIsOneLineExit2() {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"store", "redis://127.0.0.1:1/0", "--session-lifetime", "two weeks"},
        new Io(InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), false));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    assertThat(err.toString()).contains("--session-lifetime 'two weeks'");
  }
}
