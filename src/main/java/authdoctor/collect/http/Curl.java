package authdoctor.collect.http;

import authdoctor.Redactor;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an exchange as the {@code curl} command that sends the same request ("how to reproduce" in
 * reports), with the {@code --resolve}, {@code -k} and {@code --cacert} options it was sent with. Secrets
 * (cookies, {@code Authorization}, token-like query parameters and body fields) are shown as
 * {@code ‹redacted N chars fp:…›} markers, for the reader to fill in.
 */
public final class Curl {
  /** Body fields and JSON members whose values are treated as secrets. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(pass|secret|token|csrf|xsrf|key|code|otp|pin|session|sid|auth|credential|nonce|assertion).*");
  private static final Pattern JSON_MEMBER = Pattern.compile("(\"([^\"\\\\]+)\"\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private Curl() {}

  /** One line: {@code curl -sS -i [options] [-H …] [--data-binary …] URL}, secrets redacted. */
  public static String render(HttpExchange x, Redactor redactor) {
    List<String> args = new ArrayList<>(List.of("curl", "-sS", "-i"));
    String method = x.method().toUpperCase(Locale.ROOT);
    boolean hasBody = x.requestBody() != null;
    if (method.equals("HEAD")) {
      args.add("--head");
    } else if (!(method.equals("GET") && !hasBody) && !(method.equals("POST") && hasBody)) {
      args.add("-X");
      args.add(x.method());
    }
    HttpExchange.Transport t = x.transport();
    if (t != null) {
      if (t.resolve() != null) {
        args.add("--resolve");
        args.add(t.resolve());
      }
      if (t.insecure()) args.add("-k");
      else if (t.caCert() != null) {
        args.add("--cacert");
        args.add(t.caCert());
      }
    }
    String defaultHost = x.url().getRawAuthority();
    for (HeaderField h : x.requestHeaders()) {
      if (curlSendsItself(h, defaultHost)) continue;
      args.add("-H");
      args.add(h.name() + ": " + redactor.headerValue(h.name(), h.value()));
    }
    if (hasBody) {
      String contentType = x.requestHeader("Content-Type").orElse("");
      args.add("--data-binary");
      args.add(body(x.requestBody(), contentType, redactor));
    }
    args.add(redactor.url(x.url().toString()));
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
      if (!sb.isEmpty()) sb.append(' ');
      sb.append(quote(a));
    }
    return redactor.scrub(sb.toString());
  }

  /** Headers curl adds by itself with the same value, or that only make sense to OkHttp. */
  private static boolean curlSendsItself(HeaderField h, String defaultHost) {
    String n = h.name().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "host" -> h.value().equalsIgnoreCase(defaultHost) || h.value().equalsIgnoreCase(stripDefaultPort(defaultHost));
      case "content-length", "connection" -> true;
      default -> false; // Accept-Encoding: identity stays: without it a server may pick any encoding
    };
  }

  private static String stripDefaultPort(String authority) {
    return authority.replaceFirst(":(80|443)$", "");
  }

  /** The request body with secret-looking form fields or JSON members redacted; other bodies entirely. */
  static String body(String body, String contentType, Redactor redactor) {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      StringBuilder sb = new StringBuilder();
      for (String pair : body.split("&", -1)) {
        if (!sb.isEmpty()) sb.append('&');
        int eq = pair.indexOf('=');
        if (eq < 0) {
          sb.append(pair);
        } else {
          String name = pair.substring(0, eq);
          String value = pair.substring(eq + 1);
          sb.append(name).append('=').append(secret(name, value, redactor) && !value.isEmpty()
              ? redactor.marker(value) : value);
        }
      }
      return sb.toString();
    }
    if (type.startsWith("application/json") || type.contains("+json")) {
      Matcher m = JSON_MEMBER.matcher(body);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String replacement = secret(m.group(2), m.group(3), redactor) && !m.group(3).isEmpty()
            ? m.group(1) + "\"" + redactor.marker(m.group(3)) + "\""
            : m.group();
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    return redactor.marker(body);
  }

  /** A field named like a secret, or holding one of the user's credentials whatever its name. */
  private static boolean secret(String name, String value, Redactor redactor) {
    if (SECRET_NAME.matcher(name).matches() || redactor.isCredential(value)) return true;
    try {
      return redactor.isCredential(java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notEncoded) {
      return false;
    }
  }

  /** POSIX shell quoting: safe words as they are, anything else in single quotes. */
  static String quote(String s) {
    if (SAFE.matcher(s).matches()) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
