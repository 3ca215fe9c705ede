package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.RedisServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authdoctor store} end to end against real Debian {@code redis-server}s on 127.0.0.1: a store
 * evicting under a memory limit, one without persistence, one with a password, one with {@code CONFIG}
 * renamed, and a TLS one. Session keys and the password are canaries: never in any output.
 */
class StoreCommandTest {
  private static final String PASSWORD = "canary-store-pw-5f1e2d";
  private static final String SESSION_ID = "canarySessionQm2AbCdEfGhIjKl";
  /** What connect-redis stores: the session as JSON. */
  private static final byte[] JSON = "{\"cookie\":{\"originalMaxAge\":86400000},\"user\":\"u1\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final List<RedisServer> servers = new ArrayList<>();

  record Run(int code, String out, String err) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }

    List<String> ids() throws IOException {
      List<String> ids = new ArrayList<>();
      json().get("findings").forEach(f -> ids.add(f.get("id").asText()));
      return ids;
    }

    JsonNode finding(String id) throws IOException {
      for (JsonNode f : json().get("findings")) if (f.get("id").asText().equals(id)) return f;
      throw new AssertionError("no " + id + " in " + out);
    }
  }

  static Run run(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err), env, false);
    int code = Main.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  private RedisServer redis(String... conf) throws Exception {
    RedisServer r = RedisServer.start(dir, List.of(conf));
    servers.add(r);
    return r;
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (RedisServer r : servers) r.close();
  }

  private static String url(RedisServer r) {
    return "redis://127.0.0.1:" + r.port() + "/0";
  }

  private static void noCanary(Run r) {
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain(SESSION_ID);
  }

  @Test
  void aStoreThatIsAlsoACacheEvictsSessions() throws Exception {
    RedisServer r = redis("maxmemory 2mb", "maxmemory-policy allkeys-lru", "save \"\"", "appendonly no");
    List<String> fill = new ArrayList<>();
    for (int i = 0; i < 10; i++) r.set("sess:" + SESSION_ID + i, JSON, 86400);
    String page = "x".repeat(20_000);
    for (int i = 0; i < 300; i++) fill.add("SET page:" + i + " " + page);
    r.send(fill.toArray(String[]::new));

    Run run = run("", Map.of(), "store", url(r), "--format", "json");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.ids()).contains("session.store-eviction", "session.store-not-persistent");
    JsonNode facts = run.finding("session.store-eviction").get("evidence").get(0).get("facts");
    assertThat(facts.get("policy").asText()).startsWith("allkeys-lru");
    assertThat(facts.get("evicted").asText()).matches("\\d+ key\\(s\\) evicted since the server started.*");
    assertThat(facts.get("memory").asText()).contains("of 2.0 MiB");
    JsonNode inspection = run.json().get("steps").get(1);
    assertThat(inspection.get("label").asText()).isEqualTo("store inspection");
    assertThat(inspection.get("settings_from").asText()).isEqualTo("CONFIG GET");
    noCanary(run);
    assertThat(run("", Map.of(), "store", url(r), "--fail-on", "warn").code()).isEqualTo(1);
  }

  @Test
  void aPersistentStoreWithoutEvictionHasNoFinding() throws Exception {
    RedisServer r = redis("maxmemory-policy noeviction", "appendonly yes", "save \"\"");
    r.set("sess:" + SESSION_ID, JSON, 3 * 3600);

    Run run = run("", Map.of(), "store", url(r), "--format", "json");

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(0);
    assertThat(run.ids()).isEmpty();
    JsonNode sess = pattern(run, "sess:");
    assertThat(sess.get("sampled").asInt()).isEqualTo(1);
    assertThat(sess.get("lifetimes").get("< 1 day").asInt()).isEqualTo(1);
    assertThat(sess.get("kinds").get("json").asInt()).isEqualTo(1);
    noCanary(run);
  }

  private static JsonNode pattern(Run run, String prefix) throws IOException {
    for (JsonNode p : run.json().get("steps").get(1).get("patterns")) if (p.get("prefix").asText().equals(prefix)) return p;
    throw new AssertionError("no pattern " + prefix);
  }

  @Test
  void sessionsWithoutTtlAndTwoAppsUnderOnePrefix() throws Exception {
    RedisServer r = redis("maxmemory-policy noeviction", "appendonly yes");
    r.set("sess:" + SESSION_ID + "a", JSON, 0);
    // A Flask app configured with SESSION_KEY_PREFIX "sess:": a pickle (protocol 4) under the same prefix.
    r.set("sess:" + SESSION_ID + "b", new byte[] {(byte) 0x80, 4, (byte) 0x95, 0x10, 0, 0}, 3600);

    Run run = run("", Map.of(), "store", url(r), "--store-prefix", "sess:", "--format", "json");

    assertThat(run.ids()).containsExactlyInAnyOrder("session.store-no-ttl", "session.store-prefix-shared");
    assertThat(run.finding("session.store-no-ttl").get("evidence").get(0).get("facts").get("keys").asText())
        .startsWith("1 of 2 sampled key(s) under sess:* (--store-prefix) never expire");
    assertThat(run.finding("session.store-prefix-shared").get("evidence").get(0).get("facts").get("values").asText())
        .startsWith("1 json, 1 pickle");
    noCanary(run);
    Run text = run("", Map.of(), "store", url(r), "--store-prefix", "sess:");
    assertThat(text.out()).contains("remaining lifetime: no TTL: 1, < 1 h: 1");
    noCanary(text);
  }

  @Test
  void aPasswordFromTheEnvironmentIsUsedAndNeverShown() throws Exception {
    RedisServer r = redis("requirepass " + PASSWORD, "save \"\"", "appendonly no");
    r.send("AUTH " + PASSWORD, "SET sess:" + SESSION_ID + " {} EX 60");

    Run run = run("", Map.of("REDIS_PW", PASSWORD), "store", url(r), "--password-env", "REDIS_PW", "--format", "json");

    assertThat(run.ids()).containsExactly("session.store-not-persistent");
    noCanary(run);
    Path file = dir.resolve("pw");
    Files.writeString(file, PASSWORD + "\n");
    for (authdoctor.report.Format f : authdoctor.report.Format.values()) {
      Run any = run("", Map.of(), "store", url(r), "--password-file", file.toString(), "--format", f.toString());
      assertThat(any.code()).as(f + any.err()).isEqualTo(0);
      noCanary(any);
    }
    Run stdin = run(PASSWORD + "\n", Map.of(), "store", url(r), "--password-stdin", "--format", "json");
    assertThat(stdin.ids()).containsExactly("session.store-not-persistent");
  }


  @Test
  void noPasswordIsIncompleteAndAWrongOneIsOneLine() throws Exception {
    RedisServer r = redis("requirepass " + PASSWORD);

    Run none = run("", Map.of(), "store", url(r), "--format", "json");
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.ids()).isEmpty();
    assertThat(none.err().strip().lines()).hasSize(1);
    assertThat(none.err()).contains("the store wants a password: give it with --password-env");

    Run wrong = run("", Map.of("REDIS_PW", "not-the-password"), "store", url(r), "--password-env", "REDIS_PW");
    assertThat(wrong.code()).isEqualTo(3);
    assertThat(wrong.out()).isEmpty();
    assertThat(wrong.err().strip().lines()).hasSize(1);
    assertThat(wrong.err()).contains("refused the password").doesNotContain("not-the-password");
  }

  @Test
  void configRenamedFallsBackToInfoAndSaysSo() throws Exception {
    RedisServer r = redis("rename-command CONFIG \"\"", "maxmemory 50mb", "maxmemory-policy volatile-lru", "save \"\"", "appendonly no");
    r.send("SET sess:" + SESSION_ID + " {} EX 600");

    Run run = run("", Map.of(), "store", url(r), "--format", "json");

    assertThat(run.ids()).containsExactly("session.store-eviction");
    assertThat(run.finding("session.store-eviction").get("evidence").get(0).get("facts").get("source").asText())
        .startsWith("INFO memory (CONFIG refused: -ERR unknown command 'CONFIG'");
    JsonNode inspection = run.json().get("steps").get(1);
    assertThat(inspection.get("settings_from").asText()).isEqualTo("INFO");
    assertThat(inspection.get("save").isNull()).isTrue();
    Run text = run("", Map.of(), "store", url(r));
    assertThat(text.out()).contains("CONFIG refused (-ERR unknown command 'CONFIG'", "the save setting is unknown");
  }

  @Test
  void aStoreThatDoesNotAnswerIsUnreachable() throws Exception {
    int port = RedisServer.freePort();
    Run run = run("", Map.of(), "store", "redis://127.0.0.1:" + port, "--format", "json");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.ids()).containsExactly("session.store-unreachable");
    assertThat(run.finding("session.store-unreachable").get("evidence").get(0).get("text").asText())
        .contains("connection refused");
  }

  @Test
  void tlsWithTheCaVerifiesAndPlainTextToATlsPortFails() throws Exception {
    Path ca = certificates();
    RedisServer r = redis("tls-port 0", "tls-cert-file " + dir.resolve("server.pem"), "tls-key-file " + dir.resolve("server.key"),
        "tls-ca-cert-file " + ca, "tls-auth-clients no", "maxmemory-policy allkeys-lfu", "appendonly yes");

    Run tls = run("", Map.of(), "store", "rediss://localhost:" + r.port(), "--cacert", ca.toString(), "--format", "json");
    assertThat(tls.code()).as(tls.err()).isEqualTo(0);
    assertThat(tls.ids()).containsExactly("session.store-eviction");

    Run untrusted = run("", Map.of(), "store", "rediss://localhost:" + r.port(), "--format", "json", "--connect-timeout", "3");
    assertThat(untrusted.ids()).containsExactly("session.store-unreachable");
    assertThat(untrusted.out()).contains("TLS failed");

    Run plain = run("", Map.of(), "store", "redis://localhost:" + r.port(), "--format", "json", "--connect-timeout", "3");
    assertThat(plain.ids()).containsExactly("session.store-unreachable");
  }

  /** A CA and a server certificate for localhost and 127.0.0.1, made with openssl in the temp folder. */
  private Path certificates() throws Exception {
    Files.writeString(dir.resolve("server.ext"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
        "-out", "ca.pem", "-days", "2", "-subj", "/CN=store test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=localhost");
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
    return dir.resolve("ca.pem");
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isEqualTo(0);
  }

  @Test
  void aPasswordInTheUrlIsRefused() {
    Run run = run("", Map.of(), "store", "redis://:" + PASSWORD + "@127.0.0.1:6379/0");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("no password on the command line").doesNotContain(PASSWORD);
  }
}
