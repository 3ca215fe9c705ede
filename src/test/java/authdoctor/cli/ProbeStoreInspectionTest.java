package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.RedisServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe --store}: the deployment of the issue, an app keeping connect-redis sessions in a real Redis
 * that is also a page cache ({@code maxmemory-policy allkeys-lru}): the store answers {@code PONG}, and the
 * probe's store inspection names {@code session.store-eviction}. The session id is a canary.
 */
class ProbeStoreInspectionTest {
  private static final String ID = "canaryProbeSessionQm2AbCdEfGh";
  private static final String PASSWORD = "canary-login-pw-0b7c";

  @TempDir Path dir;

  @Test
  void aProbeOfAnAppWhoseRedisEvictsNamesStoreEviction() throws Exception {
    try (RedisServer redis = RedisServer.start(dir, List.of("maxmemory 5mb", "maxmemory-policy allkeys-lru", "appendonly yes"))) {
      HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      app.createContext("/", x -> {
        try (x) {
          switch (x.getRequestMethod() + " " + x.getRequestURI().getPath()) {
            case "GET /login" -> reply(x, 200, ProbeCommandTest.FORM);
            case "POST /login" -> {
              // connect-redis: the session under sess:<id>, with the cookie's lifetime as its TTL.
              redis.set("sess:" + ID, "{\"cookie\":{\"originalMaxAge\":86400000}}".getBytes(StandardCharsets.UTF_8), 86400);
              reply(x, 302, "", "Location", "/dash", "Set-Cookie", "sid=s%3A" + ID + ".c2lnbmF0dXJl; Path=/; HttpOnly");
            }
            default -> {
              if (String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains(ID)) reply(x, 200, "<h1>hi</h1>");
              else reply(x, 302, "", "Location", "/login");
            }
          }
        }
      });
      app.start();
      try {
        String base = "http://127.0.0.1:" + app.getAddress().getPort() + "/";
        List<String> args = new ArrayList<>(List.of("probe", base, "--login", "/login", "--user", "u@example.com",
            "--password-env", "PW", "--protected", "/dash", "--store", "redis://127.0.0.1:" + redis.port() + "/0",
            "--format", "json", "--quiet"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(out),
            new PrintWriter(err), Map.of("PW", PASSWORD), false));

        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<String> ids = new ArrayList<>();
        json.get("findings").forEach(f -> ids.add(f.get("id").asText()));
        assertThat(ids).as(out + err.toString()).contains("session.store-eviction").doesNotContain("session.store-unreachable");
        JsonNode inspection = null;
        for (JsonNode s : json.get("steps")) if ("store inspection".equals(s.path("label").asText())) inspection = s;
        assertThat(inspection).as("the store inspection step").isNotNull();
        JsonNode sess = null;
        for (JsonNode p : inspection.get("patterns")) if (p.get("prefix").asText().equals("sess:")) sess = p;
        assertThat(sess.get("sampled").asInt()).isEqualTo(1);
        assertThat(sess.get("lifetimes").get("< 1 day").asInt()).isEqualTo(1);
        assertThat(out.toString() + err).doesNotContain(ID).doesNotContain(PASSWORD);
      } finally {
        app.stop(0);
      }
    }
  }
}
