package authdoctor.cookie;

/** The SameSite attribute as parsed (Chromium {@code CookieSameSite}): absent or unknown is UNSPECIFIED. */
public enum SameSite {
  /** No SameSite attribute, or a value other than None/Lax/Strict: Lax-by-default in Chromium. */
  UNSPECIFIED,
  NONE,
  LAX,
  STRICT
}
