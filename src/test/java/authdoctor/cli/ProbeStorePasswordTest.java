package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.RedisServer;
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
 * {@code probe --store} of a real Redis that wants a password ({@code requirepass}) and evicts: without
 * {@code --store-password-env} it is only pinged; with it, it is inspected ({@code session.store-eviction}) and a
 * refused session is looked up after {@code AUTH}; a wrong one is reachable, not read, and the run incomplete.
 * The store's password, the login's and the session id are canaries.
 */
class ProbeStorePasswordTest {
  private static final String ID = "canaryStorePwSessIdQm2AbCd";
  private static final String STORE_PW = "canary-store-pw-3e9a71";
  private static final String PASSWORD = "canary-login-pw-0b7c";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run probe(String base, String store, String... more) {
    List<String> args = new ArrayList<>(List.of("probe", base, "--login", "/login", "--user", "u@example.com",
        "--password-env", "PW", "--protected", "/dash", "--store", store, "--format", "json", "--quiet"));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(out),
        new PrintWriter(err), Map.of("PW", PASSWORD, "STORE_PW", STORE_PW, "WRONG_PW", "not-the-store-password"), false));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * An express-session app on 127.0.0.1 (started): the login form, a login that sets {@code sid=s:ID.signature},
   * and every other route signed in exactly when the request carries {@code id}.
   */
  static HttpServer expressApp(String id) throws java.io.IOException {
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", x -> {
      try (x) {
        switch (x.getRequestMethod() + " " + x.getRequestURI().getPath()) {
          case "GET /login" -> reply(x, 200, ProbeCommandTest.FORM);
          case "POST /login" -> reply(x, 302, "", "Location", "/dash", "Set-Cookie", "sid=s%3A" + id + ".c2lnbmF0dXJl; Path=/; HttpOnly");
          default -> {
            if (String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains(id)) reply(x, 200, "<h1>hi</h1>");
            else reply(x, 302, "", "Location", "/login");
          }
        }
      }
    });
    app.start();
    return app;
  }

  private static List<String> ids(Run r) throws Exception {
    List<String> ids = new ArrayList<>();
    new ObjectMapper().readTree(r.out()).get("findings").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  @Test
  void thePasswordLetsTheProbeReadTheStore() throws Exception {
    try (RedisServer redis = RedisServer.start(dir, List.of("maxmemory 5mb", "maxmemory-policy allkeys-lru", "appendonly yes"))) {
      redis.set("sess:" + ID, "{\"cookie\":{}}".getBytes(StandardCharsets.UTF_8), 86400);
      redis.send("CONFIG SET requirepass " + STORE_PW);
      HttpServer app = expressApp(ID);
      try {
        String base = "http://127.0.0.1:" + app.getAddress().getPort() + "/";
        String store = "redis://127.0.0.1:" + redis.port() + "/0";
        Run without = probe(base, store);
        assertThat(ids(without)).as(without.out()).doesNotContain("session.store-eviction", "session.store-unreachable");
        assertThat(without.out()).doesNotContain("\"store inspection\"");

        Run with = probe(base, store, "--store-password-env", "STORE_PW");
        assertThat(ids(with)).as(with.out() + with.err()).contains("session.store-eviction").doesNotContain("session.store-unreachable");
        assertThat(with.out()).contains("store inspection");

        Run wrong = probe(base, store, "--store-password-env", "WRONG_PW");
        assertThat(ids(wrong)).doesNotContain("session.store-unreachable", "session.store-eviction");
        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.err()).contains("refused the password");

        for (Run r : List.of(without, with, wrong)) {
          assertThat(r.out() + r.err()).doesNotContain(ID).doesNotContain(STORE_PW).doesNotContain(PASSWORD)
              .doesNotContain("not-the-store-password");
        }
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"probe", base, "--store-password-env", "STORE_PW"}, new Io(InputStream.nullInputStream(),
            new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of("STORE_PW", STORE_PW), false));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("need --store").doesNotContain(STORE_PW);
      } finally {
        app.stop(0);
      }
    }
  }
}
