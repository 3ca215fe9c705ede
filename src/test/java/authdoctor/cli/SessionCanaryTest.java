package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.report.Format;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe --save-session} before a deploy and {@code --reuse-session} after it, on a real HTTP app whose
 * "deploy" changes what a deploy changes: the secret that signs its cookie, or its in-memory session store
 * (emptied), or nothing. The session id, the signed cookie's payload, the password and the session key are
 * canaries: no output format, and no error line, may contain them.
 */
class SessionCanaryTest {
  private static final String PASSWORD = "canary-login-pw-7f3e";
  private static final String KEY = "canary-session-key-9d2c41aa";
  private static final String PAYLOAD_CANARY = "canaryPayloadQx81";

  @TempDir Path dir;

  /** The app: a signed cookie ({@code session=eyJ…​.hmac}) or a server-side id ({@code sid=s:id.hmac}) in a store. */
  final AtomicReference<String> secret = new AtomicReference<>("first-secret-of-the-app-0001");
  final Map<String, String> memory = new ConcurrentHashMap<>();
  final List<String> issued = new ArrayList<>();
  @Nullable RedisServer redis;
  HttpServer app;

  @AfterEach
  void stop() throws Exception {
    if (app != null) app.stop(0);
    if (redis != null) redis.close();
  }

  private String start(boolean serverSide) throws Exception {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", x -> {
      try (x) {
        String cookies = String.valueOf(x.getRequestHeaders().getFirst("Cookie"));
        switch (x.getRequestMethod() + " " + x.getRequestURI().getPath()) {
          case "GET /login" -> reply(x, 200, ProbeCommandTest.FORM);
          case "POST /login" -> {
            String cookie;
            if (serverSide) {
              String id = "canarySid" + Long.toHexString(System.nanoTime()) + "AbCdEfGhIj";
              if (redis != null) redis.set("sess:" + id, "{}".getBytes(StandardCharsets.UTF_8), 3600);
              else memory.put(id, "u");
              cookie = "sid=s%3A" + id + "." + hmac(id) + "; Path=/; HttpOnly";
              issued.add(id);
            } else {
              String data = Base64.getUrlEncoder().withoutPadding().encodeToString(
                  ("{\"user\":\"u\",\"n\":\"" + PAYLOAD_CANARY + "\"}").getBytes(StandardCharsets.UTF_8));
              cookie = "session=" + data + "." + hmac(data) + "; Path=/; HttpOnly";
              issued.add(data);
            }
            reply(x, 302, "", "Location", "/dash", "Set-Cookie", cookie);
          }
          default -> {
            if (valid(cookies, serverSide)) reply(x, 200, "<h1>hi</h1>");
            else reply(x, 302, "", "Location", "/login");
          }
        }
      }
    });
    app.start();
    return "http://127.0.0.1:" + app.getAddress().getPort() + "/";
  }

  private boolean valid(String cookies, boolean serverSide) {
    for (String pair : cookies.split(";\\s*")) {
      int eq = pair.indexOf('=');
      if (eq < 0) continue;
      String name = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      if (serverSide && name.equals("sid") && value.startsWith("s%3A")) {
        String v = value.substring(4);
        int dot = v.lastIndexOf('.');
        String id = v.substring(0, dot);
        boolean known = redis != null ? inRedis("sess:" + id) : memory.containsKey(id);
        if (v.substring(dot + 1).equals(hmac(id)) && known) return true;
      }
      if (!serverSide && name.equals("session")) {
        int dot = value.lastIndexOf('.');
        if (dot > 0 && value.substring(dot + 1).equals(hmac(value.substring(0, dot)))) return true;
      }
    }
    return false;
  }

  private boolean inRedis(String key) {
    try {
      return requireNonNull(redis).send("EXISTS " + key).startsWith(":1");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private String hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  record Run(int code, String out, String err) {}

  private Run probe(String base, String... more) {
    List<String> args = new ArrayList<>(List.of("probe", base, "--login", "/login", "--user", "u@example.com",
        "--password-env", "PW", "--protected", "/dash", "--quiet"));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(out),
        new PrintWriter(err), Map.of("PW", PASSWORD, "SESSION_KEY", KEY, "SHORT_KEY", "too-short"), false));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> ids(Run r) throws Exception {
    List<String> ids = new ArrayList<>();
    new ObjectMapper().readTree(r.out()).get("findings").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  private static JsonNode finding(Run r, String id) throws Exception {
    for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) if (f.get("id").asText().equals(id)) return f;
    throw new AssertionError("no " + id + " in " + r.out());
  }

  private void noSecrets(Run r) {
    String all = r.out() + r.err();
    assertThat(all).doesNotContain(PASSWORD).doesNotContain(KEY).doesNotContain(PAYLOAD_CANARY);
    for (String v : issued) assertThat(all).doesNotContain(v);
  }

  @Test
  void aSessionThatSurvivesTheDeployIsNoFindingAndTheFileIsPrivate() throws Exception {
    String base = start(false);
    Path file = dir.resolve("session.bin");
    Run save = probe(base, "--save-session", file.toString(), "--session-key-env", "SESSION_KEY", "--logout", "/logout",
        "--format", "json");
    assertThat(save.code()).as(save.out() + save.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    for (String v : issued) assertThat(raw).doesNotContain(v);
    assertThat(raw).doesNotContain(PAYLOAD_CANARY).doesNotContain("session");
    assertThat(save.out()).contains("saved, encrypted, to").contains("--logout not run");
    noSecrets(save);
    for (Format f : Format.values()) {
      Path other = dir.resolve("session-" + f.name() + ".bin");
      Run saved = probe(base, "--save-session", other.toString(), "--session-key-env", "SESSION_KEY", "--format",
          f.name().toLowerCase(Locale.ROOT));
      assertThat(saved.code()).as(f + ": " + saved.out() + saved.err()).isZero();
      assertThat(other).exists();
      noSecrets(saved);
    }

    for (Format f : Format.values()) {
      Run reuse = probe(base, "--reuse-session", file.toString(), "--session-key-env", "SESSION_KEY", "--format",
          f.name().toLowerCase(Locale.ROOT));
      assertThat(reuse.code()).as(f + ": " + reuse.out() + reuse.err()).isZero();
      noSecrets(reuse);
    }
    Run reuse = probe(base, "--reuse-session", file.toString(), "--session-key-env", "SESSION_KEY", "--format", "json");
    assertThat(ids(reuse)).doesNotContain("session.lost-on-restart");
    assertThat(reuse.out()).contains("saved session: protected /dash");
  }

  @Test
  void aSignedCookieRefusedAfterTheDeployPointsToTheSecret() throws Exception {
    String base = start(false);
    Path file = dir.resolve("session.bin");
    assertThat(probe(base, "--save-session", file.toString(), "--format", "json").code()).isZero();
    secret.set("second-secret-after-deploy-02");
    for (Format f : Format.values()) {
      Run reuse = probe(base, "--reuse-session", file.toString(), "--format", f.name().toLowerCase(Locale.ROOT));
      assertThat(reuse.code()).as(f + ": " + reuse.out() + reuse.err()).isEqualTo(1);
      noSecrets(reuse);
    }
    Run reuse = probe(base, "--reuse-session", file.toString(), "--format", "json");
    assertThat(finding(reuse, "session.lost-on-restart").toString()).contains("the secret that signs it changed")
        .contains("signed cookie session");
    // The fresh login still works: the protected route answered signed in after it.
    assertThat(ids(reuse)).containsOnlyOnce("session.lost-on-restart");
  }

  @Test
  void aServerSideIdUnknownAfterTheDeployPointsToTheStore() throws Exception {
    String base = start(true);
    Path file = dir.resolve("session.bin");
    assertThat(probe(base, "--save-session", file.toString(), "--format", "json").code()).isZero();
    memory.clear();
    Run reuse = probe(base, "--reuse-session", file.toString(), "--format", "json");
    assertThat(reuse.code()).isEqualTo(1);
    assertThat(finding(reuse, "session.lost-on-restart").toString()).contains("the store lost it").contains("give --store");
    noSecrets(reuse);
  }

  @Test
  void withStoreTheKeyStillThereAndTheIdRefusedIsTheSecret() throws Exception {
    redis = RedisServer.start(dir, List.of("appendonly yes"));
    String base = start(true);
    String store = "redis://127.0.0.1:" + redis.port() + "/0";
    Path file = dir.resolve("session.bin");
    assertThat(probe(base, "--save-session", file.toString(), "--store", store, "--format", "json").code()).isZero();
    secret.set("second-secret-after-deploy-02");
    Run reuse = probe(base, "--reuse-session", file.toString(), "--store", store, "--format", "json");
    assertThat(finding(reuse, "session.lost-on-restart").toString())
        .contains("still exists").contains("the secret that signs the id changed");
    noSecrets(reuse);

    secret.set("first-secret-of-the-app-0001");
    redis.send("FLUSHALL");
    Run emptied = probe(base, "--reuse-session", file.toString(), "--store", store, "--format", "json");
    assertThat(finding(emptied, "session.lost-on-restart").toString())
        .contains("does not exist any more").contains("the session is gone from the store");
    noSecrets(emptied);
  }

  @Test
  void aFileThatDoesNotOpenIsOneLineExit2() throws Exception {
    String base = start(false);
    Path file = dir.resolve("session.bin");
    assertThat(probe(base, "--save-session", file.toString(), "--session-key-env", "SESSION_KEY", "--format", "json").code()).isZero();
    byte[] good = Files.readAllBytes(file);

    Run wrongKey = probe(base, "--reuse-session", file.toString(), "--format", "json");
    oneLine(wrongKey, "does not open with this key");

    byte[] tampered = good.clone();
    tampered[tampered.length - 20] ^= 1;
    Files.write(file, tampered);
    oneLine(probe(base, "--reuse-session", file.toString(), "--session-key-env", "SESSION_KEY"), "changed or cut short");

    Files.write(file, java.util.Arrays.copyOf(good, 25));
    oneLine(probe(base, "--reuse-session", file.toString(), "--session-key-env", "SESSION_KEY"), "truncated");

    byte[] version = good.clone();
    version["AUTHDOCTOR-SESSION".length()] = 9;
    Files.write(file, version);
    oneLine(probe(base, "--reuse-session", file.toString(), "--session-key-env", "SESSION_KEY"), "format version 9");

    Files.writeString(file, "{\"cookies\": []}");
    oneLine(probe(base, "--reuse-session", file.toString(), "--session-key-env", "SESSION_KEY"), "not a session saved by authdoctor");

    oneLine(probe(base, "--reuse-session", dir.resolve("none.bin").toString()), "no such file");
    oneLine(probe(base, "--save-session", file.toString(), "--session-key-env", "SHORT_KEY"), "at least 16 characters");
    oneLine(probe(base, "--save-session", file.toString(), "--restart-command", "true"), "use one of them");
    assertThat(Set.of(wrongKey.err())).allSatisfy(e -> assertThat(e).doesNotContain(KEY));
  }

  private static void oneLine(Run r, String says) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(says).doesNotContain("Exception").doesNotContain(KEY);
  }
}
