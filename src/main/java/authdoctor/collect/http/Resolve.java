package authdoctor.collect.http;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Locale;

/**
 * One {@code --resolve HOST:PORT:ADDR} entry with curl's meaning: connections to HOST on PORT go to the IP
 * address ADDR, while the URL, the TLS SNI name, certificate verification and the {@code Host} header stay
 * HOST. An entry applies only to URLs with that exact host and port.
 *
 * @param host the host name as it appears in URLs, lower case
 * @param port the port the entry applies to, 1–65535
 * @param address an IP literal (IPv6 without brackets)
 */
public record Resolve(String host, int port, String address) {
  public Resolve {
    requireNonNull(host);
    requireNonNull(address);
    host = host.toLowerCase(Locale.ROOT);
    if (host.isEmpty()) throw new IllegalArgumentException("--resolve: empty host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--resolve: port " + port + " is not between 1 and 65535");
    }
    if (!InetAddresses.isInetAddress(address)) {
      throw new IllegalArgumentException("--resolve: '" + address + "' is not an IP address");
    }
  }

  /**
   * Parses {@code host:port:addr} as curl does; the address may be IPv4 ({@code 127.0.0.1}) or IPv6, with
   * or without brackets ({@code [::1]}).
   *
   * @throws IllegalArgumentException with a one-line message when the entry is malformed
   */
  public static Resolve parse(String text) {
    requireNonNull(text);
    String usage = "--resolve: expected HOST:PORT:ADDRESS (e.g. app.example.com:443:127.0.0.1), got '" + text + "'";
    int first = text.indexOf(':');
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (first <= 0 || second < 0) throw new IllegalArgumentException(usage);
    String host = text.substring(0, first).strip();
    String portText = text.substring(first + 1, second).strip();
    String address = text.substring(second + 1).strip();
    if (host.isEmpty() || address.isEmpty() || host.startsWith("+") || host.equals("*")) {
      // "+host" (cache-only) and "*" (wildcard) are curl extensions we do not support
      throw new IllegalArgumentException(usage);
    }
    if (address.contains(",")) {
      throw new IllegalArgumentException("--resolve: only one address per entry is supported, got '" + address + "'");
    }
    if (address.startsWith("[") && address.endsWith("]")) address = address.substring(1, address.length() - 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--resolve: port '" + portText + "' is not a number");
    }
    return new Resolve(host, port, address);
  }

  /** True when this entry pins connections to {@code host} on {@code port}. */
  public boolean appliesTo(String host, int port) {
    return this.port == port && this.host.equalsIgnoreCase(host);
  }

  /** The pinned address; a literal, so no DNS lookup happens. */
  InetAddress inetAddress() {
    return InetAddresses.forString(address);
  }

  /** The entry as curl writes it: {@code host:port:addr}, IPv6 in brackets. */
  @Override
  public String toString() {
    return host + ":" + port + ":" + (address.contains(":") ? "[" + address + "]" : address);
  }
}
