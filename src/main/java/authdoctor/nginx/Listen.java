package authdoctor.nginx;

import static java.util.Objects.requireNonNull;

/**
 * One {@code listen} of a server (ngx_http_core_module): the address as written, its port and whether
 * it terminates TLS ({@code ssl}, or {@code quic} for HTTP/3).
 *
 * @param address the address argument as written ({@code 127.0.0.1:443}, {@code [::]:80}, {@code 443})
 * @param port the port, 80 when none is written, 0 for a unix socket
 * @param tls whether connections to it are TLS
 */
public record Listen(String address, int port, boolean tls) {
  public Listen {
    requireNonNull(address);
  }

  /** nginx's implicit {@code listen *:80} of a server without any. */
  public static final Listen DEFAULT = new Listen("*:80", 80, false);

  /** Reads a {@code listen} directive's arguments; {@code sslOn} is a server-level {@code ssl on;}. */
  public static Listen of(NginxNode listen, boolean sslOn) {
    String address = listen.arg(0);
    boolean tls = sslOn || listen.args().stream().skip(1).anyMatch(a -> a.equals("ssl") || a.equals("quic"));
    return new Listen(address, port(address), tls);
  }

  private static int port(String address) {
    if (address.startsWith("unix:")) return 0;
    String p = address;
    int bracket = address.lastIndexOf(']');
    int colon = address.lastIndexOf(':');
    if (colon > bracket) p = address.substring(colon + 1);
    else if (bracket >= 0 || !p.chars().allMatch(Character::isDigit)) return 80;
    try {
      int port = Integer.parseInt(p);
      return port > 0 && port < 65536 ? port : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
