package authdoctor.collect.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Just enough HTML reading for a login page: forms with their inputs, and CSRF {@code <meta>} tags.
 * Tolerant by design (attributes in any order, either quote or none); it never executes anything.
 */
final class Html {
  private static final Pattern FORM = Pattern.compile("(?is)<form\\b([^>]*)>(.*?)(?:</form\\s*>|\\z)");
  private static final Pattern INPUT = Pattern.compile("(?is)<(input|button)\\b([^>]*)>");
  private static final Pattern META = Pattern.compile("(?is)<meta\\b([^>]*)>");
  private static final Pattern ATTR =
      Pattern.compile("(?s)([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*(?:=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");

  private Html() {}

  /** One input of a form. */
  record Input(String name, String type, String value) {}

  /** One form: its action (raw, may be empty), method (upper case) and named inputs in order. */
  record Form(String action, String method, List<Input> inputs) {
    Optional<Input> password() {
      return inputs.stream().filter(i -> i.type().equals("password")).findFirst();
    }

    /** The user name input: the first text/email input, preferring names that say user, email or login. */
    Optional<Input> user() {
      List<Input> texts =
          inputs.stream().filter(i -> i.type().equals("text") || i.type().equals("email")).toList();
      return texts.stream()
          .filter(i -> i.name().toLowerCase(Locale.ROOT).matches(".*(user|email|login|name|account).*"))
          .findFirst()
          .or(() -> texts.stream().findFirst());
    }

    List<Input> hidden() {
      return inputs.stream().filter(i -> i.type().equals("hidden")).toList();
    }
  }

  static List<Form> forms(String html) {
    List<Form> out = new ArrayList<>();
    Matcher m = FORM.matcher(html);
    while (m.find()) {
      Map<String, String> attrs = attrs(m.group(1));
      List<Input> inputs = new ArrayList<>();
      Matcher im = INPUT.matcher(m.group(2));
      while (im.find()) {
        Map<String, String> a = attrs(im.group(2));
        String name = a.get("name");
        if (name == null || name.isEmpty()) continue;
        String type = a.getOrDefault("type", im.group(1).equalsIgnoreCase("button") ? "submit" : "text")
            .toLowerCase(Locale.ROOT);
        if (type.equals("submit") || type.equals("button") || type.equals("image")) continue;
        inputs.add(new Input(unescape(name), type, unescape(a.getOrDefault("value", ""))));
      }
      out.add(new Form(unescape(attrs.getOrDefault("action", "")),
          attrs.getOrDefault("method", "GET").toUpperCase(Locale.ROOT), inputs));
    }
    return out;
  }

  /** The first form with a password input. */
  static Optional<Form> loginForm(String html) {
    return forms(html).stream().filter(f -> f.password().isPresent()).findFirst();
  }

  /** {@code <meta name=… content=…>} values by lower-case name. */
  static Map<String, String> metas(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = META.matcher(html);
    while (m.find()) {
      Map<String, String> a = attrs(m.group(1));
      String name = a.get("name");
      String content = a.get("content");
      if (name != null && content != null) out.putIfAbsent(name.toLowerCase(Locale.ROOT), unescape(content));
    }
    return out;
  }

  private static Map<String, String> attrs(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ATTR.matcher(s);
    while (m.find()) {
      String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), v == null ? "" : v);
    }
    return out;
  }

  static String unescape(@Nullable String s) {
    if (s == null) return "";
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&#43;", "+").replace("&#x2F;", "/").replace("&amp;", "&");
  }
}
