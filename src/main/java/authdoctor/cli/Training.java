package authdoctor.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The training run of the JDK's AOT cache (JEP 483/514): the launcher records the cache from one JVM that
 * runs the commands users run — the help, {@code cookie}, {@code jwt}, {@code explain}, {@code probe} of a
 * tiny login server on 127.0.0.1, and the demo (TLS on loopback) — so that each of them later starts with
 * its classes already loaded and linked. Only loopback is ever contacted; nothing is printed.
 */
final class Training {
  private static final String PASSWORD_VAR = "AUTHDOCTOR_TRAINING_PASSWORD";

  private Training() {}

  /** Runs every training command; returns the number that failed (exit code above 1). */
  static int run() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", Training::serve);
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      String jwt = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
          + b64("{\"sub\":\"u1\",\"iss\":\"https://login.example.com\",\"aud\":\"app\",\"exp\":1700000000}") + "."
          + b64("signature");
      List<List<String>> commands = List.of(
          List.of("--help"),
          List.of("--version"),
          List.of("cookie", "sid=1; Path=/; SameSite=None", "--url", "https://app.example.com/"),
          List.of("cookie", "sid=1; Path=/; SameSite=None", "--url", "https://app.example.com/", "--format", "json"),
          List.of("jwt", jwt),
          List.of("jwt", jwt, "--format", "json"),
          List.of("explain", "--list"),
          List.of("explain", "cookie.samesite-none-insecure"),
          List.of("probe", base + "/", "--user", "user@example.com", "--password-env", PASSWORD_VAR,
              "--protected", base + "/dashboard", "--logout", base + "/logout", "--quiet"),
          List.of("probe", base + "/", "--user", "user@example.com", "--password-env", PASSWORD_VAR,
              "--protected", base + "/dashboard", "--logout", base + "/logout", "--quiet", "--format", "json"),
          List.of("demo", "--format", "json", "--quiet"));
      int failed = 0;
      for (List<String> c : commands) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        Io io = new Io(InputStream.nullInputStream(), none, none, Map.of(PASSWORD_VAR, "training"), false);
        if (Main.run(c.toArray(String[]::new), io) > 1) failed++;
      }
      return failed;
    } finally {
      server.stop(0);
    }
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A login form, a session cookie, a protected page and a logout: the flow a probe walks. */
  private static void serve(HttpExchange x) throws IOException {
    try (x) {
      x.getRequestBody().readAllBytes();
      String path = x.getRequestURI().getPath();
      String cookie = String.valueOf(x.getRequestHeaders().getFirst("Cookie"));
      boolean post = x.getRequestMethod().equals("POST");
      var h = x.getResponseHeaders();
      String body = "";
      int status;
      if (path.equals("/") || path.equals("/login") && !post) {
        status = 200;
        h.add("Content-Type", "text/html; charset=utf-8");
        body = "<!doctype html><html><body><form method=\"post\" action=\"/login\">"
            + "<input type=\"hidden\" name=\"csrf_token\" value=\"t0k3n-training\">"
            + "<input name=\"email\"><input type=\"password\" name=\"password\"><button>Sign in</button>"
            + "</form></body></html>";
      } else if (path.equals("/login")) {
        status = 302;
        h.add("Location", "/dashboard");
        h.add("Set-Cookie", "session=signed-in-training; Path=/; HttpOnly; SameSite=Lax");
      } else if (path.equals("/dashboard") && cookie.contains("session=signed-in-training")) {
        status = 200;
        h.add("Content-Type", "text/html; charset=utf-8");
        h.add("Cache-Control", "private, no-store");
        body = "<!doctype html><html><body><h1>Dashboard</h1><p>Signed in as user@example.com</p>"
            + "<form method=\"post\" action=\"/logout\"><button>Sign out</button></form></body></html>";
      } else if (path.equals("/logout")) {
        status = 302;
        h.add("Location", "/login");
        h.add("Set-Cookie", "session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
      } else {
        status = 302;
        h.add("Location", "/login");
      }
      byte[] out = body.getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = x.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }
}
