package authdoctor.collect.probe;

import authdoctor.framework.Frameworks;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a page keeps its CSRF token and how its framework wants it back: a hidden input, else a {@code
 * <meta>} ({@link Frameworks#csrfMetas()}, then any csrf-like name), else a single-page app's script ({@link
 * ScriptTokens}), and the token cookie of a double-submit framework (Django's
 * {@code csrftoken} → {@code X-CSRFToken}; Spring's and Angular's {@code XSRF-TOKEN} → {@code X-XSRF-TOKEN}).
 */
final class CsrfTokens {
  /** Spring Security's meta tag naming its header ({@code <meta name="_csrf_header">}). */
  private static final String SPRING_HEADER_META = "_csrf_header";
  /** The header a page's meta token is sent in when the page names none (Rails, Laravel). */
  private static final String META_HEADER = Frameworks.RAILS.csrf().headers().get(0);
  private static final String DJANGO_COOKIE = Frameworks.DJANGO.csrf().cookies().get(0);
  private static final String DOUBLE_SUBMIT_COOKIE = Frameworks.SPRING.csrf().cookies().get(0);
  private static final String DOUBLE_SUBMIT_HEADER = "X-XSRF-TOKEN";
  private static final String SCRIPT_HEADER = Frameworks.EXPRESS.csrf().headers().get(0);

  private CsrfTokens() {}

  /**
   * The token a page offers, and how to send it back.
   *
   * @param source where it was found ("hidden input csrfmiddlewaretoken", "meta csrf-token", "cookie XSRF-TOKEN")
   * @param field the form field it goes back in
   * @param header the header it goes back in
   * @param value the token (a secret)
   */
  record Token(@Nullable String source, @Nullable String field, @Nullable String header, @Nullable String value) {
    static final Token NONE = new Token(null, null, null, null);
  }

  /**
   * @param form the page's login form, if any
   * @param metas the page's {@code <meta name content>} pairs
   * @param cookies the site's cookies in the browser, by name
   */
  static Token find(Optional<Html.Form> form, Map<String, String> metas, Map<String, String> cookies) {
    return find(form, metas, Optional.empty(), cookies, ProbeConfig.CsrfHint.NONE);
  }

  /**
   * @param script a token the page's scripts keep (a JSON state script, a variable)
   * @param hints the user's names for the field and header, which win over what the page suggests
   */
  static Token find(Optional<Html.Form> form, Map<String, String> metas, Optional<ScriptTokens.Found> script,
      Map<String, String> cookies, ProbeConfig.CsrfHint hints) {
    Token t = found(form, metas, script, cookies, hints);
    String field = hints.field() != null ? hints.field() : t.field();
    String header = hints.header() != null ? hints.header() : t.header();
    return new Token(t.source(), field, header, t.value());
  }

  private static Token found(Optional<Html.Form> form, Map<String, String> metas, Optional<ScriptTokens.Found> script,
      Map<String, String> cookies, ProbeConfig.CsrfHint hints) {
    String field = null;
    String value = null;
    String source = null;
    if (form.isPresent()) {
      for (Html.Input i : form.get().hidden()) {
        if (Frameworks.csrfLike(i.name()) || i.name().equals(hints.field())) {
          field = i.name();
          value = i.value();
          source = "hidden input " + i.name();
          break;
        }
      }
    }
    String header = null;
    if (value == null) {
      for (String m : Frameworks.csrfMetas()) {
        if (metas.containsKey(m)) {
          value = metas.get(m);
          source = "meta " + m;
          field = Frameworks.SPRING.csrfField(m) ? m : null;
          header = metas.getOrDefault(SPRING_HEADER_META, META_HEADER);
          break;
        }
      }
    }
    if (value == null) {
      for (Map.Entry<String, String> m : metas.entrySet()) {
        if (Frameworks.csrfLike(m.getKey()) && !m.getKey().equals(SPRING_HEADER_META) && !m.getValue().isBlank()) {
          value = m.getValue();
          source = "meta " + m.getKey();
          header = metas.getOrDefault(SPRING_HEADER_META, META_HEADER);
          break;
        }
      }
    }
    if (value == null && script.isPresent()) {
      value = script.get().value();
      source = script.get().source();
      field = script.get().field();
      // The header most single-page stacks read (csurf, csrf-sync, Rails, Flask-WTF); --csrf-header names another.
      header = SCRIPT_HEADER;
    }
    if (cookies.containsKey(DJANGO_COOKIE)) {
      header = Frameworks.DJANGO.csrf().headers().get(0);
      if (value == null) {
        value = cookies.get(DJANGO_COOKIE);
        source = "cookie " + DJANGO_COOKIE;
        field = Frameworks.DJANGO.csrf().fields().get(0);
      }
    } else if (cookies.containsKey(DOUBLE_SUBMIT_COOKIE)) {
      header = DOUBLE_SUBMIT_HEADER;
      if (value == null) {
        value = cookies.get(DOUBLE_SUBMIT_COOKIE);
        source = "cookie " + DOUBLE_SUBMIT_COOKIE;
      }
    } else if (field != null && header == null) {
      header = headerOf(field);
    }
    return new Token(source, field, header, value);
  }

  /**
   * The header a token found in a form field also goes in, for the frameworks that read both (Django,
   * Flask-WTF, csurf); Rails' and Laravel's fields are posted in the form only.
   */
  private static final Map<String, String> FIELD_HEADERS = Map.of(
      Frameworks.DJANGO.csrf().fields().get(0), Frameworks.DJANGO.csrf().headers().get(0),
      Frameworks.FLASK.csrf().fields().get(0), Frameworks.FLASK.csrf().headers().get(0),
      Frameworks.EXPRESS.csrf().fields().get(0), Frameworks.EXPRESS.csrf().headers().get(0));

  private static @Nullable String headerOf(String field) {
    return FIELD_HEADERS.get(field.toLowerCase(Locale.ROOT));
  }
}
