package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.RawServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code probe --instance … --store redis://…}: an express-session id refused by one instance is looked up
 * in a scripted Redis with {@code EXISTS}; found → {@code session.secret-mismatch}, not found under the
 * app's prefix → {@code session.store-not-shared}. The session id is a canary: it and the Redis key must
 * never appear in the output, only the key's fingerprint.
 */
class ProbeStoreLookupTest {
  private static final String PASSWORD = "canary-secret-83a0c1";
  private static final String ID = "canaryId7Qm2AbCdEfGhIjKlMnOp";
  private static final String COOKIE = "s%3A" + ID + ".c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<List<String>> commands = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  /** The public app (login sets the cookie) and two instances: the first accepts the session, the second not. */
  private List<String> deployment() throws IOException {
    String pub = serve(x -> {
      switch (x.getRequestMethod() + " " + x.getRequestURI().getPath()) {
        case "GET /login" -> reply(x, 200, "<form method=post action=/login><input name=email>"
            + "<input name=pw type=password></form>");
        case "POST /login" -> reply(x, 302, "", "Location", "/dash", "Set-Cookie", "sid=" + COOKIE + "; Path=/; HttpOnly");
        default -> signedIn(x);
      }
    });
    String a = serve(ProbeStoreLookupTest::signedIn);
    String b = serve(x -> reply(x, 302, "", "Location", "/login"));
    return List.of(pub, a, b);
  }

  private static void signedIn(HttpExchange x) throws IOException {
    if (String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains(COOKIE)) reply(x, 200, "<h1>hi</h1>");
    else reply(x, 302, "", "Location", "/login");
  }

  /** A Redis that answers PING and EXISTS (1 for the keys {@code has} accepts) and records every command. */
  private RawServer redis(Predicate<String> has) throws IOException {
    return new RawServer(s -> {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      String head;
      while ((head = in.readLine()) != null) {
        List<String> args = new ArrayList<>();
        for (int i = 0, n = Integer.parseInt(head.substring(1)); i < n; i++) {
          in.readLine();
          args.add(in.readLine());
        }
        commands.add(args);
        String reply = switch (args.get(0)) {
          case "PING" -> "+PONG";
          case "SELECT" -> "+OK";
          case "EXISTS" -> has.test(args.get(1)) ? ":1" : ":0";
          default -> "-ERR unknown command";
        };
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    });
  }

  private record Run(int code, String out, String err) {}

  private Run probe(List<String> urls, RawServer redis, String format, String... more) {
    List<String> args = new ArrayList<>(List.of("probe", urls.get(0) + "/", "--login", "/login", "--user", "u@example.com",
        "--password-env", "PW", "--protected", "/dash", "--refresh", "0", "--instance", urls.get(1), "--instance",
        urls.get(2), "--store", "redis://127.0.0.1:" + redis.url("/").getPort() + "/2", "--format", format, "--quiet"));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(out),
        new PrintWriter(err), Map.of("PW", PASSWORD), false));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> ids(Run r) throws IOException {
    List<String> ids = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) ids.add(f.get("id").asText());
    return ids;
  }

  @Test
  void aSessionFoundInTheSharedStoreIsASecretMismatch() throws IOException {
    List<String> urls = deployment();
    try (RawServer redis = redis(k -> k.equals("sess:" + ID))) {
      Run json = probe(urls, redis, "json");
      assertThat(ids(json)).as(json.err()).contains("session.secret-mismatch").doesNotContain("session.store-not-shared");
      assertThat(json.out()).contains("store lookup").contains("decided by");
      Run text = probe(urls, redis, "text");
      for (Run r : List.of(json, text)) {
        assertThat(r.out() + r.err()).doesNotContain(ID).doesNotContain(PASSWORD)
            .contains("‹redacted " + ("sess:" + ID).length() + " chars fp:");
      }
    }
    // The id is looked up by name in the URL's database, never searched for; the store inspection samples
    // keys by the libraries' prefixes with a bounded SCAN, never KEYS.
    assertThat(commands).contains(List.of("SELECT", "2"), List.of("EXISTS", "sess:" + ID));
    assertThat(commands).noneMatch(c -> c.get(0).equals("KEYS") || c.get(0).equals("SCAN") && String.join(" ", c).contains(ID));
    assertThat(commands).filteredOn(c -> c.get(0).equals("SCAN")).allMatch(c -> c.contains("COUNT"));
  }

  @Test
  void aSessionMissingUnderTheAppsPrefixIsAStoreNotShared() throws IOException {
    List<String> urls = deployment();
    try (RawServer redis = redis(k -> false)) {
      Run r = probe(urls, redis, "json", "--store-prefix", "myapp:sess:");
      assertThat(ids(r)).as(r.err()).contains("session.store-not-shared").doesNotContain("session.secret-mismatch");
      assertThat(r.out()).doesNotContain(ID).contains("the key myapp:sess:‹session id›");
    }
    assertThat(commands).contains(List.of("EXISTS", "myapp:sess:" + ID));
  }

  @Test
  void storePrefixNeedsStore() {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"probe", "http://127.0.0.1:9/", "--store-prefix", "x:"}, new Io(
        InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), false));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--store-prefix needs --store");
  }

  private interface Handler {
    void handle(HttpExchange x) throws IOException;
  }

  private String serve(Handler h) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> {
      try (x) {
        h.handle(x);
      }
    });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }


}
