package authdoctor.collect.http;

import authdoctor.collect.http.Recorder.Phase;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Turns a network failure into one clear line that says what was being done, to what, and what happened.
 * Messages never hold a query string or header values (they may carry secrets).
 */
final class Failures {
  private static final Pattern SANS = Pattern.compile("subjectAltNames: \\[([^\\]]*)\\]");

  private Failures() {}

  static String describe(IOException e, Phase phase, boolean timedOut, HttpUrl url, HttpOptions options,
      @Nullable String address, long receivedSinceSend) {
    return describe(e, phase, timedOut, url, options, options.maxTime(), address, receivedSinceSend);
  }

  /** As above; {@code bound} is the call's own bound: {@code --max-time}, or less when the run's end was nearer. */
  static String describe(IOException e, Phase phase, boolean timedOut, HttpUrl url, HttpOptions options,
      Duration bound, @Nullable String address, long receivedSinceSend) {
    String where = shown(url);
    String host = url.host();
    String to = address == null ? host + ":" + url.port() : address + " (" + host + ")";
    if (isHeaderLimit(e, receivedSinceSend)) {
      return "response headers from " + where + " are larger than OkHttp's limit of "
          + HttpOptions.OKHTTP_HEADER_LIMIT / 1024 + " KiB; the response was dropped";
    }
    if (timedOut && phase == Phase.RESOLVING || e instanceof BoundedDns.TimeoutException) {
      return "timed out after " + duration(options.maxTime()) + " resolving " + host + " (DNS)";
    }
    if (timedOut || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
        && "timeout".equals(e.getMessage())) {
      return "timed out after " + callBound(bound, options) + " " + doing(phase, url, to);
    }
    if (e instanceof SocketTimeoutException) {
      String b = phase == Phase.CONNECTING ? duration(options.connectTimeout()) : callBound(bound, options);
      return "timed out after " + b + " " + doing(phase, url, to);
    }
    if (e instanceof UnknownHostException) {
      return "could not resolve host " + host + " (DNS lookup failed)";
    }
    if (phase == Phase.CONNECTING || e instanceof ConnectException || e instanceof NoRouteToHostException) {
      if (causeMentions(e, "refused")) return "connection refused by " + to;
      return "could not connect to " + to + ": " + firstLine(rootMessage(e));
    }
    if (e instanceof SSLPeerUnverifiedException && e.getMessage() != null && e.getMessage().contains("not verified")) {
      Matcher m = SANS.matcher(e.getMessage());
      String names = m.find() ? m.group(1) : "other names";
      return "TLS certificate of " + to + " is not valid for " + host + " (it names " + names + ")";
    }
    if (phase == Phase.TLS || e instanceof SSLException) {
      if (hasCause(e, CertificateExpiredException.class)) {
        return "TLS certificate of " + to + " has expired";
      }
      if (hasCause(e, CertificateNotYetValidException.class)) {
        return "TLS certificate of " + to + " is not yet valid";
      }
      if (hasCause(e, CertPathBuilderException.class) || hasCause(e, CertPathValidatorException.class)) {
        return "TLS certificate of " + to + " is not trusted (" + (options.caCert() != null
            ? "not signed by a certificate in " + options.caCert()
            : "no trusted CA signed it") + "); pass --cacert FILE with its CA, or -k to skip verification";
      }
      return "TLS handshake with " + to + " failed: " + firstLine(rootMessage(e));
    }
    if (e instanceof ProtocolException) {
      return "malformed response from " + where + ": " + firstLine(e.getMessage());
    }
    if (causeMentions(e, "reset")) {
      return "connection reset by the server " + doing(phase, url, to);
    }
    if (e instanceof EOFException || causeMentions(e, "unexpected end of stream") || causeMentions(e, "closed")) {
      return "the server closed the connection " + doing(phase, url, to);
    }
    if (e instanceof SocketException) {
      return "network error " + doing(phase, url, to) + ": " + firstLine(rootMessage(e));
    }
    return e.getClass().getSimpleName() + " " + doing(phase, url, to) + ": " + firstLine(rootMessage(e));
  }

  /**
   * Past 256 KiB of headers OkHttp's HTTP/1.1 reader fails with {@code IOException("unexpected end of stream
   * on …")} caused by {@code EOFException("\n not found: limit=… content=<hex of the headers>")}; the hex may
   * hold cookies, so that message is never shown. A connection closed before the end of the headers gives
   * the same exception, so 256 KiB must also have arrived. Over HTTP/2 the message is "header byte count
   * limit of 262144 exceeded".
   */
  static boolean isHeaderLimit(IOException e, long receivedSinceSend) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m == null) continue;
      if (t instanceof EOFException && m.contains("not found: limit=")
          && receivedSinceSend >= HttpOptions.OKHTTP_HEADER_LIMIT) {
        return true;
      }
      // HTTP/2: OkHttp's HPACK reader counts decoded header bytes and stops at the same 256 KiB
      if (m.startsWith("header byte count limit of")) return true;
    }
    return false;
  }

  /** "30s", or "0.4s (what was left of --max-time 30s)" when the run's end cut the call short. */
  private static String callBound(Duration bound, HttpOptions options) {
    if (bound.compareTo(options.maxTime()) >= 0) return duration(options.maxTime());
    return duration(bound) + " (what was left of --max-time " + duration(options.maxTime()) + ")";
  }

  private static String doing(Phase phase, HttpUrl url, String to) {
    return switch (phase) {
      case STARTING, RESOLVING -> "resolving " + url.host();
      case CONNECTING -> "connecting to " + to;
      case TLS -> "in the TLS handshake with " + to;
      case SENDING -> "sending the request to " + shown(url);
      case WAITING_FOR_HEADERS -> "waiting for response headers from " + shown(url);
      case READING_BODY -> "reading the response body from " + shown(url);
    };
  }

  /** The URL without query or fragment, which may carry codes or tokens. */
  static String shown(HttpUrl url) {
    return url.newBuilder().query(null).fragment(null).build().toString()
        + (url.query() == null ? "" : "?…");
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms >= 1000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0) : ms + "ms";
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return true;
      for (Throwable s : t.getSuppressed()) if (type.isInstance(s)) return true;
    }
    return false;
  }

  private static boolean causeMentions(Throwable e, String word) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(word)) return true;
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) return "";
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
