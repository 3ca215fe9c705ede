package authdoctor.collect.har;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which parts of a recording are secrets by their name: form and JSON fields, query parameters and headers
 * that carry a password, a token, a key or a signature.
 */
final class Secrets {
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i)(code|state|nonce|password|passwd|pwd|pass|otp|pin|session|sessionid|sid|sig|key|api_?key|samlresponse|samlrequest"
          + "|relaystate|authenticity_token|csrfmiddlewaretoken|_csrf|_token|.*token.*|.*secret.*|.*passw.*|.*signature.*"
          + "|.*credential.*|.*assertion.*)");
  private static final Pattern PASSWORD_NAME = Pattern.compile("(?i).*(passw|pwd|passwd|^pass$|\\[pass\\]).*");
  private static final Pattern SECRET_HEADER = Pattern.compile(
      "(?i)(authorization|proxy-authorization|cookie|set-cookie|x-csrf-token|x-csrftoken|x-xsrf-token|x-api-key|api-key"
          + "|x-auth-token|x-amz-security-token|x-goog-iap-jwt-assertion)");
  private static final Pattern JSON_FIELD = Pattern.compile("\"([A-Za-z0-9_.\\-\\[\\]]+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private Secrets() {}

  static boolean name(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  static boolean header(String name) {
    return SECRET_HEADER.matcher(name).matches();
  }

  /** The values of the password fields of a form or JSON body, as sent. */
  static List<String> passwords(String body) {
    List<String> out = new ArrayList<>();
    for (String[] f : fields(body)) if (PASSWORD_NAME.matcher(f[0]).matches() && !f[1].isEmpty()) out.add(f[1]);
    return out;
  }

  /** The values of every secret-named field of a form or JSON body. */
  static List<String> secretFields(String body) {
    List<String> out = new ArrayList<>();
    for (String[] f : fields(body)) if (name(f[0]) && !f[1].isEmpty()) out.add(f[1]);
    return out;
  }

  /** Name and value pairs of a urlencoded form (raw and decoded values) or of a JSON object's string members. */
  static List<String[]> fields(String body) {
    List<String[]> out = new ArrayList<>();
    String b = body.strip();
    if (b.startsWith("{") || b.startsWith("[")) {
      Matcher m = JSON_FIELD.matcher(b);
      while (m.find()) out.add(new String[] {m.group(1), m.group(2)});
      return out;
    }
    for (String pair : b.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      String n = decode(pair.substring(0, eq));
      String raw = pair.substring(eq + 1);
      out.add(new String[] {n, raw});
      String dec = decode(raw);
      if (!dec.equals(raw)) out.add(new String[] {n, dec});
    }
    return out;
  }

  static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
