package authdoctor.demo;

import authdoctor.observation.HeaderField;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Puts {@link DemoApp}s on sockets: each app on its own plain-http port on 127.0.0.1 (what
 * {@code --direct} and {@code --instance} reach), and a TLS-terminating reverse proxy in front of one or
 * more of them (round robin), configurable like an nginx {@code location} block.
 */
final class DemoServers implements AutoCloseable {
  /** The largest request body the demo servers read. */
  private static final int MAX_BODY = 64 * 1024;

  private final List<HttpServer> servers = new ArrayList<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** What the proxy adds to each request on its way to the app. */
  record ProxyConfig(boolean sendForwardedProto, boolean sendForwardedHost, boolean hsts) {}

  /** An app on its own port; returns {@code http://127.0.0.1:PORT}. */
  String app(DemoApp app) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", x -> serve(x, app::handle, List.of()));
    start(s);
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  /** A TLS proxy in front of {@code upstreams} (round robin); returns its port. */
  int proxy(SSLContext tls, ProxyConfig config, List<DemoApp> upstreams) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(tls));
    AtomicInteger next = new AtomicInteger();
    List<HeaderField> added = new ArrayList<>();
    added.add(new HeaderField("Server", "nginx"));
    if (config.hsts()) added.add(new HeaderField("Strict-Transport-Security", "max-age=31536000"));
    s.createContext("/", x -> serve(x, r -> {
      List<HeaderField> h = new ArrayList<>();
      for (HeaderField f : r.headers()) {
        if (!f.is("X-Forwarded-Proto") && !f.is("X-Forwarded-Host") && !f.is("X-Forwarded-For")) h.add(f);
      }
      h.add(new HeaderField("X-Forwarded-For", "127.0.0.1"));
      if (config.sendForwardedProto()) h.add(new HeaderField("X-Forwarded-Proto", "https"));
      if (config.sendForwardedHost()) {
        h.add(new HeaderField("X-Forwarded-Host", r.header("Host") == null ? "" : r.header("Host")));
      }
      DemoApp app = upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
      return app.handle(new DemoApp.Request(r.method(), r.path(), h, r.body()));
    }, added));
    start(s);
    return s.getAddress().getPort();
  }

  private void start(HttpServer s) {
    s.setExecutor(executor);
    s.start();
    servers.add(s);
  }

  private interface Handler {
    DemoApp.Response handle(DemoApp.Request r);
  }

  private static void serve(HttpExchange x, Handler handler, List<HeaderField> added) throws IOException {
    try (x) {
      List<HeaderField> headers = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : x.getRequestHeaders().entrySet()) {
        for (String v : e.getValue()) headers.add(new HeaderField(e.getKey(), v));
      }
      byte[] body;
      try (InputStream in = x.getRequestBody()) {
        body = in.readNBytes(MAX_BODY);
      }
      DemoApp.Response r = handler.handle(new DemoApp.Request(x.getRequestMethod(), x.getRequestURI().getRawPath()
          + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery()), headers, body));
      for (HeaderField h : r.headers()) {
        if (added.stream().anyMatch(a -> a.is(h.name()))) continue;
        x.getResponseHeaders().add(h.name(), h.value());
      }
      for (HeaderField a : added) x.getResponseHeaders().add(a.name(), a.value());
      byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = x.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    for (HttpServer s : servers) s.stop(0);
    executor.shutdownNow();
  }
}
