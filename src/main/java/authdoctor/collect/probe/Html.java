package authdoctor.collect.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Just enough HTML reading for a login page, parsed as a browser parses it (jsoup, the HTML5 tree
 * builder): forms with their inputs, {@code <meta>} tags and inline scripts. It never executes anything.
 */
final class Html {
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

  static Document parse(String html) {
    return Jsoup.parse(html);
  }

  static List<Form> forms(String html) {
    return forms(parse(html));
  }

  static List<Form> forms(Document d) {
    List<Form> out = new ArrayList<>();
    for (Element f : d.select("form")) {
      List<Input> inputs = new ArrayList<>();
      for (Element i : f.select("input[name], button[name], select[name], textarea[name]")) {
        String name = i.attr("name");
        if (name.isEmpty()) continue;
        String type = i.hasAttr("type") ? i.attr("type").toLowerCase(Locale.ROOT)
            : i.tagName().equals("button") ? "submit" : "text";
        if (type.equals("submit") || type.equals("button") || type.equals("image")) continue;
        inputs.add(new Input(name, type, i.attr("value")));
      }
      out.add(new Form(f.attr("action"), f.hasAttr("method") ? f.attr("method").toUpperCase(Locale.ROOT) : "GET", inputs));
    }
    return out;
  }

  /** The first form with a password input. */
  static Optional<Form> loginForm(String html) {
    return forms(html).stream().filter(f -> f.password().isPresent()).findFirst();
  }

  /** {@code <meta name=… content=…>} values by lower-case name. */
  static Map<String, String> metas(String html) {
    return metas(parse(html));
  }

  static Map<String, String> metas(Document d) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Element m : d.select("meta[name][content]")) out.putIfAbsent(m.attr("name").toLowerCase(Locale.ROOT), m.attr("content"));
    return out;
  }

  /** An inline script: its {@code type} (lower case, "" when none) and its text. */
  record Script(String type, @Nullable String id, String text) {}

  static List<Script> scripts(Document d) {
    List<Script> out = new ArrayList<>();
    for (Element s : d.select("script:not([src])")) {
      out.add(new Script(s.attr("type").strip().toLowerCase(Locale.ROOT), s.id().isEmpty() ? null : s.id(), s.data()));
    }
    return out;
  }

  /** Whether the page has anything a browser renders as text, besides scripts and styles. */
  static boolean rendersNothing(Document d) {
    Document copy = d.clone();
    copy.select("script, style, noscript, template").remove();
    return copy.body() == null || copy.body().text().isBlank();
  }

}
