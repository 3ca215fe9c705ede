package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.redis.Sentinel;
import authdoctor.testing.RedisServer;
import authdoctor.testing.SentinelServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store} and {@code probe --store} through Redis Sentinel: Debian's {@code redis-sentinel} on
 * 127.0.0.1:19301 monitoring a real {@code redis-server} (a session store that evicts, {@code allkeys-lru}, and
 * keeps nothing on disk) under the name {@code sessions}. Both URL forms resolve the master and inspect it;
 * a master name no Sentinel knows, and no Sentinel at all, are a store that does not answer. Lab ports 19301
 * (the Sentinel) and 19309 (nothing listens: the unreachable one).
 */
@Tag("lab")
class StoreSentinelLabTest {
  private static final int SENTINEL = 19301;
  private static final String ID = "canarySentinelSessIdQm2AbCd";

  @TempDir static Path dir;
  static RedisServer master;
  static SentinelServer sentinel;

  @BeforeAll
  static void start() throws Exception {
    master = RedisServer.start(dir, List.of("maxmemory 5mb", "maxmemory-policy allkeys-lru", "save \"\"", "appendonly no"));
    master.set("sess:" + ID, "{\"cookie\":{}}".getBytes(StandardCharsets.UTF_8), 86400);
    sentinel = SentinelServer.start(dir, SENTINEL, "sessions", master.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (sentinel != null) sentinel.close();
    if (master != null) master.close();
  }

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err),
        Map.of("PW", "canary-login-pw-51aa"), false));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> ids(Run r) throws Exception {
    List<String> ids = new ArrayList<>();
    new ObjectMapper().readTree(r.out()).get("findings").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  @Test
  void bothUrlFormsInspectTheMasterTheSentinelNames() throws Exception {
    for (String url : List.of("redis-sentinel://127.0.0.1:" + SENTINEL + "/0#sessions",
        "redis-sentinel://127.0.0.1:19309,127.0.0.1:" + SENTINEL + "?sentinelMasterId=sessions",
        "redis+sentinel://127.0.0.1:" + SENTINEL + "/sessions/0")) {
      Run r = run("store", url, "--format", "json");
      assertThat(r.code()).as(url + ": warn-level findings only: " + r.out() + r.err()).isZero();
      assertThat(ids(r)).as(url).contains("session.store-eviction", "session.store-not-persistent")
          .doesNotContain("session.store-unreachable");
      assertThat(r.out()).contains("master 127.0.0.1:" + master.port()).doesNotContain(ID);
    }
  }

  @Test
  void aMasterNoSentinelKnowsAndNoSentinelAtAllAreUnreachable() throws Exception {
    Run unknown = run("store", "redis-sentinel://127.0.0.1:" + SENTINEL + "#nosuchmaster", "--format", "json");
    assertThat(ids(unknown)).containsExactly("session.store-unreachable");
    assertThat(unknown.out()).contains("knows no master named nosuchmaster");
    Run none = run("store", "redis+sentinel://127.0.0.1:19309/sessions", "--format", "json");
    assertThat(ids(none)).containsExactly("session.store-unreachable");
    assertThat(none.code()).isEqualTo(1);
  }

  @Test
  void malformedSentinelUrlsAreOneLineExit2() {
    for (String url : List.of("redis-sentinel://127.0.0.1:" + SENTINEL, "redis+sentinel://127.0.0.1:" + SENTINEL + "/",
        "redis-sentinel://user:pw@127.0.0.1:" + SENTINEL + "#sessions", "redis+sentinel://127.0.0.1:99999/sessions",
        "rediss-sentinel://127.0.0.1:" + SENTINEL + "#sessions")) {
      Run r = run("store", url);
      assertThat(r.code()).as(url + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).doesNotContain("Exception").doesNotContain(":pw@");
    }
    assertThat(Sentinel.parse("redis-sentinel://a,b:1/2#m").sentinels()).extracting(Sentinel.Node::port)
        .containsExactly(Sentinel.DEFAULT_PORT, 1);
  }

  @Test
  void probeStoreThroughSentinelNamesTheEviction() throws Exception {
    HttpServer app = ProbeStorePasswordTest.expressApp(ID);
    try {
      Run r = run("probe", "http://127.0.0.1:" + app.getAddress().getPort() + "/", "--login", "/login", "--user", "u@example.com",
          "--password-env", "PW", "--protected", "/dash", "--store", "redis-sentinel://127.0.0.1:" + SENTINEL + "#sessions",
          "--format", "json", "--quiet");
      assertThat(ids(r)).as(r.out() + r.err()).contains("session.store-eviction").doesNotContain("session.store-unreachable");
      JsonNode steps = new ObjectMapper().readTree(r.out()).get("steps");
      assertThat(steps.toString()).contains("master sessions is 127.0.0.1:" + master.port());
      assertThat(r.out() + r.err()).doesNotContain(ID).doesNotContain("canary-login-pw-51aa");
    } finally {
      app.stop(0);
    }
  }
}
