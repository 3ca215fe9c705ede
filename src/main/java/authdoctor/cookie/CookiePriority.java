package authdoctor.cookie;

/** Chromium's non-standard {@code Priority} attribute (Low/Medium/High); Medium when absent or unknown. */
public enum CookiePriority {
  LOW,
  MEDIUM,
  HIGH
}
