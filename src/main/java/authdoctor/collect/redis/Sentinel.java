package authdoctor.collect.redis;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A store behind Redis Sentinel (https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/): the
 * Sentinels to ask and the master's name, read from a Sentinel URL, and the master's address they answer to
 * {@code SENTINEL get-master-addr-by-name}. Two URL forms are read, the ones client libraries use:
 *
 * <ul>
 *   <li>Lettuce's {@code redis-sentinel://HOST[:PORT][,HOST[:PORT]…][/DB]#MASTER} (or {@code
 *       ?sentinelMasterId=MASTER});
 *   <li>the Python libraries' {@code redis+sentinel://HOST[:PORT][,HOST[:PORT]…]/MASTER[/DB]}
 *       (Redis-Sentinel-Url, Prefect, docket).
 * </ul>
 *
 * A Sentinel's port defaults to 26379. No password in the URL (as for {@code redis://}); TLS to the Sentinels
 * is not read yet.
 *
 * @param url the URL as given (no password in it)
 * @param sentinels each Sentinel's host and port, in the order given
 * @param master the master's name
 * @param db the database number on the master
 */
public record Sentinel(String url, List<Node> sentinels, String master, int db) {
  /** Sentinel's own default port. */
  public static final int DEFAULT_PORT = 26379;

  public Sentinel {
    requireNonNull(url);
    sentinels = List.copyOf(sentinels);
    requireNonNull(master);
  }

  /** One Sentinel. */
  public record Node(String host, int port) {
    public Node {
      requireNonNull(host);
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The master as the Sentinel answered it: its address, and which Sentinel said so. */
  public record Master(String host, int port, Node from) {}

  /** Whether {@code url} is a Sentinel URL (by its scheme). */
  public static boolean is(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT);
    return u.startsWith("redis-sentinel://") || u.startsWith("redis+sentinel://")
        || u.startsWith("rediss-sentinel://") || u.startsWith("rediss+sentinel://");
  }

  /** The Sentinel URL {@code url}; {@link IllegalArgumentException} with a message for one line when it is malformed. */
  public static Sentinel parse(String url) {
    String u = url.strip();
    int sep = u.indexOf("://");
    String scheme = u.substring(0, Math.max(0, sep)).toLowerCase(Locale.ROOT);
    if (scheme.startsWith("rediss")) throw new IllegalArgumentException("TLS to Sentinel (" + scheme + "://) is not supported yet");
    boolean lettuce = scheme.equals("redis-sentinel");
    String rest = u.substring(sep + 3);
    String fragment = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    if (authority.contains("@")) throw new IllegalArgumentException("no password in the URL (shell history, ps)");
    List<Node> nodes = new ArrayList<>();
    for (String n : authority.split(",", -1)) nodes.add(node(n));
    String master;
    String db;
    if (lettuce) {
      master = fragment != null && !fragment.isEmpty() ? fragment : param(query, "sentinelMasterId");
      db = path;
    } else {
      int s = path.indexOf('/');
      master = s < 0 ? path : path.substring(0, s);
      db = s < 0 ? "" : path.substring(s + 1);
    }
    if (master == null || master.isEmpty()) {
      throw new IllegalArgumentException(lettuce ? "name the master: redis-sentinel://HOST:PORT[,HOST:PORT][/DB]#MASTER"
          : "name the master: redis+sentinel://HOST:PORT[,HOST:PORT]/MASTER[/DB]");
    }
    master = URLDecoder.decode(master, StandardCharsets.UTF_8);
    if (db.endsWith("/")) db = db.substring(0, db.length() - 1);
    if (!db.isEmpty() && !db.matches("\\d{1,5}")) throw new IllegalArgumentException("the database is a number (" + db + ")");
    return new Sentinel(u, nodes, master, db.isEmpty() ? 0 : Integer.parseInt(db));
  }

  private static Node node(String n) {
    String hostPort = n.strip();
    if (hostPort.isEmpty()) throw new IllegalArgumentException("a Sentinel's host is empty");
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      if (end < 0) throw new IllegalArgumentException("'" + hostPort + "': an IPv6 address without its ]");
      host = hostPort.substring(1, end);
      if (hostPort.length() > end + 1) {
        if (hostPort.charAt(end + 1) != ':') throw new IllegalArgumentException("'" + hostPort + "': not HOST:PORT");
        port = hostPort.substring(end + 2);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      if (colon >= 0) port = hostPort.substring(colon + 1);
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) throw new IllegalArgumentException("'" + hostPort + "': not a host");
    if (port == null) return new Node(host, DEFAULT_PORT);
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("'" + hostPort + "': the port is not a number from 1 to 65535");
    }
    return new Node(host, Integer.parseInt(port));
  }

  private static @Nullable String param(@Nullable String query, String name) {
    if (query == null) return null;
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equalsIgnoreCase(name)) return kv.substring(eq + 1);
    }
    return null;
  }

  /** What asking the Sentinels gave: the master, or why none was found. */
  public record Answer(@Nullable Master master, @Nullable String failure) {}

  /**
   * Asks each Sentinel in turn for the master's address until one knows it. {@code address} maps a host and
   * port to where to connect ({@code --resolve}), or null when the host may not be contacted.
   */
  public Answer master(int timeoutMillis, BiFunction<String, Integer, @Nullable String> address) {
    List<String> failures = new ArrayList<>();
    for (Node n : sentinels) {
      String a = address.apply(n.host(), n.port());
      if (a == null) {
        failures.add(n + ": not contacted (not pinned by --resolve)");
        continue;
      }
      try (RedisClient.Connection c = new RedisClient(a, n.port(), timeoutMillis).open()) {
        Resp r = c.call("SENTINEL", "get-master-addr-by-name", master);
        if (r instanceof Resp.Array arr && arr.items().size() == 2 && arr.items().get(0) instanceof Resp.Bulk h
            && arr.items().get(1) instanceof Resp.Bulk p && p.text().matches("\\d{1,5}")) {
          return new Answer(new Master(h.text(), Integer.parseInt(p.text()), n), null);
        }
        failures.add(n + (r instanceof Resp.Null || r instanceof Resp.Array a0 && a0.items().isEmpty()
            ? ": knows no master named " + master : ": answered " + RedisClient.clip(r.line())));
      } catch (IOException e) {
        failures.add(n + ": " + new RedisClient(a, n.port(), timeoutMillis).describe(e));
      }
    }
    return new Answer(null, "no Sentinel gave the address of master " + master + " (" + String.join("; ", failures) + ")");
  }

  /** The master's own URL, {@code redis://HOST:PORT/DB}. */
  public static URI masterUrl(Master m, int db) {
    String host = m.host().contains(":") ? "[" + m.host() + "]" : m.host();
    return URI.create("redis://" + host + ":" + m.port() + "/" + db);
  }
}
