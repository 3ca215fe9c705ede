package authdoctor.checks.session;

import authdoctor.observation.StoreInspection;

/** Words for what a store inspection read. */
final class StoreFacts {
  private StoreFacts() {}

  /** The {@code SCAN} pattern in words: "sess:* (connect-redis (express-session))". */
  static String pattern(StoreInspection.Pattern p) {
    return p.prefix() + "* (" + p.convention() + ")";
  }
}
