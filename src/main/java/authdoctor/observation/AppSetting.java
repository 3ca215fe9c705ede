package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.Redacted;
import authdoctor.Redactor;
import org.jspecify.annotations.Nullable;

/**
 * One setting of an application framework that production runs with, read from its source or settings
 * files without running them: Django's {@code SESSION_COOKIE_SECURE}, Flask's {@code ProxyFix(x_proto=1)},
 * Express's {@code app.set('trust proxy', 1)}, Spring Boot's {@code server.forward-headers-strategy}.
 * Each framework's reader names the setting by the framework-neutral {@link Concept} it controls, so the
 * cross-layer checks read one vocabulary whatever the framework; {@link #key} keeps the framework's own
 * spelling for the evidence and the fix.
 *
 * <p>A reader emits the settings in effect: the settings module, config class, profile or environment
 * branch the deployment files select. When the tree does not say which one production runs, the reader
 * assumes one and says so in {@link #assumption}.
 *
 * @param framework the framework's catalog Fix key ({@code django}, {@code flask}, {@code fastapi},
 *     {@code express}, {@code spring})
 * @param concept what the setting controls
 * @param key the setting as the framework spells it ({@code SESSION_COOKIE_SECURE}, {@code trust proxy},
 *     {@code server.servlet.session.cookie.secure}, {@code SessionMiddleware(https_only)})
 * @param value its value as far as it can be read without running the code
 * @param location the line to change
 * @param file the file, relative to the scanned root
 * @param assumption how the settings in effect were chosen when the tree does not say it ({@code
 *     "settings/production.py assumed: no DJANGO_SETTINGS_MODULE in the deployment files"}), null when the
 *     deployment files select them or the framework has one set only
 */
public record AppSetting(
    String framework, Concept concept, String key, Value value, Location location, String file, @Nullable String assumption)
    implements Observation {
  public AppSetting {
    requireNonNull(framework);
    requireNonNull(concept);
    requireNonNull(key);
    requireNonNull(value);
    requireNonNull(location);
    requireNonNull(file);
  }

  /**
   * What a setting controls, in one vocabulary for every framework. The value conventions are given per
   * constant; a reader that cannot map a value to them emits a {@link Value.Computed}.
   */
  public enum Concept {
    /** Session cookie sent over HTTPS only: {@code true}/{@code false}. */
    SESSION_COOKIE_SECURE,
    /** Session cookie hidden from scripts: {@code true}/{@code false}. */
    SESSION_COOKIE_HTTPONLY,
    /** Session cookie {@code SameSite}: {@code Lax}, {@code Strict}, {@code None}, or empty for none. */
    SESSION_COOKIE_SAMESITE,
    /** Session cookie {@code Domain}, as written. */
    SESSION_COOKIE_DOMAIN,
    /** Session cookie {@code Path}, as written. */
    SESSION_COOKIE_PATH,
    /** Session cookie name. */
    SESSION_COOKIE_NAME,
    /** Session lifetime in seconds. */
    SESSION_LIFETIME,
    /**
     * Where sessions are kept: {@code memory} (per process), {@code file} (per machine or container),
     * {@code cookie} (signed client-side), {@code redis}, {@code database}, {@code cache:<backend>}.
     */
    SESSION_STORE,
    /** The key sessions (or tokens) are signed with. A secret: show only through {@link #excerpt}. */
    SESSION_SECRET,
    /** CSRF cookie sent over HTTPS only: {@code true}/{@code false}. */
    CSRF_COOKIE_SECURE,
    /** Origins a CSRF origin check accepts besides the host's own, comma-separated. */
    CSRF_TRUSTED_ORIGINS,
    /** Whether CSRF protection is on: {@code true}/{@code false}. */
    CSRF_ENABLED,
    /**
     * Trust in the proxy's scheme header: the header name ({@code X-Forwarded-Proto}), a hop count
     * ({@code 1}), {@code true} (any), or {@code false} (not trusted).
     */
    TRUST_FORWARDED_PROTO,
    /** Trust in the proxy's host header: as {@link #TRUST_FORWARDED_PROTO}. */
    TRUST_FORWARDED_HOST,
    /** Trust in the proxy's prefix header: as {@link #TRUST_FORWARDED_PROTO}. */
    TRUST_FORWARDED_PREFIX,
    /** Host names the app answers to, comma-separated ({@code ALLOWED_HOSTS}, {@code TrustedHostMiddleware}). */
    ALLOWED_HOSTS,
    /** The path the app is mounted under ({@code APPLICATION_ROOT}, {@code context-path}, {@code root_path}). */
    PATH_PREFIX,
    /** The host name the app builds URLs with ({@code SERVER_NAME}). */
    SERVER_NAME,
    /** CORS allowed origins, comma-separated; {@code *} for any, {@code reflect} for an origin echoed back. */
    CORS_ORIGINS,
    /** CORS with credentials: {@code true}/{@code false}. */
    CORS_CREDENTIALS,
    /** The issuer a token must name. */
    JWT_ISSUER,
    /** The audience a token must name. */
    JWT_AUDIENCE,
    /** Where the token signing keys are fetched. */
    JWKS_URI,
    /** Whether the app believes it runs in debug or development mode: {@code true}/{@code false}. */
    DEBUG,
    /**
     * Where an identity provider sends the browser back to the app (an OAuth/OIDC redirect URI, a SAML
     * assertion consumer service): the method it arrives with and the path or URL, {@code GET /auth/callback}
     * for a redirect, {@code POST /login/saml2/sso/okta} for a form post (SAML POST binding, OIDC {@code form_post}).
     */
    LOGIN_CALLBACK,
    /** The issuer the app writes into the tokens it signs (the verifiers' {@link #JWT_ISSUER} must name it). */
    TOKEN_ISSUER,
    /** The audiences the app writes into the tokens it signs, comma-separated. */
    TOKEN_AUDIENCE,
    /**
     * Who may embed the app in a frame (CSP {@code frame-ancestors}), comma-separated as written: {@code
     * 'self'}, {@code 'none'}, {@code https://partner.example}, {@code *}.
     */
    FRAME_ANCESTORS
  }

  /** A setting's value as written. */
  public sealed interface Value {
    /** A literal ({@code True}, {@code 'Lax'}, {@code 3600}), in the convention of its {@link Concept}. */
    record Literal(String text) implements Value {
      public Literal {
        requireNonNull(text);
      }
    }

    /**
     * Read from an environment variable ({@code os.environ.get("X", "d")}, {@code process.env.X || 'd'},
     * {@code ${X:d}}).
     *
     * @param variable the variable's name
     * @param fallback the value used when it is unset, null when there is none (unset is an error or empty)
     */
    record FromEnv(String variable, @Nullable String fallback) implements Value {
      public FromEnv {
        requireNonNull(variable);
      }
    }

    /**
     * Made anew by a random generator each time the process starts ({@code os.urandom(24)}, {@code
     * secrets.token_hex()}, {@code crypto.randomBytes(32)}, {@code get_random_secret_key()}), possibly as
     * the fallback of an environment lookup.
     *
     * @param expression the expression as written
     * @param variable the environment variable tried first, null when there is none
     */
    record Generated(String expression, @Nullable String variable) implements Value {
      public Generated {
        requireNonNull(expression);
      }
    }

    /** Computed in a way the reader does not evaluate: a "could not determine" note, never a finding. */
    record Computed(String expression) implements Value {
      public Computed {
        requireNonNull(expression);
      }
    }
  }

  /** The literal text, or null when the value is not a literal. */
  public @Nullable String literal() {
    return value instanceof Value.Literal(String text) ? text : null;
  }

  /** Whether the value is the literal {@code true} (in any framework's spelling). */
  public boolean isTrue() {
    String t = literal();
    return t != null && (t.equalsIgnoreCase("true") || t.equals("1"));
  }

  /** Whether the value is the literal {@code false} (in any framework's spelling). */
  public boolean isFalse() {
    String t = literal();
    return t != null && (t.equalsIgnoreCase("false") || t.equals("0"));
  }

  /** The setting as an excerpt for evidence: a secret's literal as its marker, anything else as read. */
  public Redacted excerpt(Redactor redactor) {
    String shown =
        switch (value) {
          case Value.Literal(String text) -> concept == Concept.SESSION_SECRET ? redactor.marker(text) : text;
          case Value.FromEnv(String variable, String fallback) ->
              "$" + variable + (fallback == null ? "" : " (default " + (concept == Concept.SESSION_SECRET ? redactor.marker(fallback) : fallback) + ")");
          case Value.Generated(String expression, String variable) -> (variable == null ? "" : "$" + variable + " or ") + expression;
          case Value.Computed(String expression) -> concept == Concept.SESSION_SECRET ? "(computed)" : expression;
        };
    return redactor.plain(key + " = " + shown);
  }
}
