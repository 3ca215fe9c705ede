package authdoctor.internal;

import com.google.common.net.InetAddresses;
import java.net.URI;
import java.util.Locale;

/** Host-name facts used by several checks: loopback, internal-looking names, default ports. */
public final class Hosts {
  private Hosts() {}

  /** {@code localhost}, {@code *.localhost}, 127.0.0.0/8 and {@code ::1}: potentially trustworthy. */
  public static boolean isLoopback(String host) {
    String h = strip(host);
    if (h.equals("localhost") || h.endsWith(".localhost")) return true;
    if (!InetAddresses.isInetAddress(h)) return false;
    return InetAddresses.forString(h).isLoopbackAddress();
  }

  /**
   * A host a browser on the internet could not reach: an IP literal in a private or loopback range, a
   * single-label name ({@code app}, {@code backend}), or a name under a private-use suffix.
   */
  public static boolean isInternal(String host) {
    String h = strip(host);
    if (isLoopback(h)) return true;
    if (InetAddresses.isInetAddress(h)) {
      var a = InetAddresses.forString(h);
      return a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress();
    }
    if (!h.contains(".")) return true;
    for (String s : new String[] {".internal", ".local", ".lan", ".svc", ".cluster.local", ".localdomain"}) {
      if (h.endsWith(s)) return true;
    }
    return false;
  }

  /**
   * The host of a URL, also when {@link URI} refuses it as a host name (an nginx upstream name such as
   * {@code app_pool} has an underscore, so {@code getHost()} is null): the authority without user info
   * and port. Null when the URL has no authority.
   */
  public static @org.jspecify.annotations.Nullable String hostOf(URI u) {
    if (u.getHost() != null) return u.getHost();
    String a = u.getRawAuthority();
    if (a == null) return null;
    a = a.substring(a.indexOf('@') + 1);
    int colon = a.lastIndexOf(':');
    return colon > 0 && !a.endsWith("]") ? a.substring(0, colon) : a;
  }

  /** The port of a URL, with the scheme's default filled in. */
  public static int port(URI url) {
    if (url.getPort() >= 0) return url.getPort();
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  /** The serialized origin of a URL ({@code https://api.example.com}, the port only when not the default). */
  public static String origin(URI u) {
    int port = port(u);
    String host = java.util.Objects.toString(hostOf(u), "");
    return String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT)
        + (port == ("https".equalsIgnoreCase(u.getScheme()) ? 443 : 80) ? "" : ":" + port);
  }

  /** Same scheme, host and port (default ports filled in). */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static String strip(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h;
  }
}
