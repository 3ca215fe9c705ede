package authdoctor.catalog;

import java.util.Set;

/** Catalog ids that have no check class yet (their diagnosis is not implemented). Shrinks to empty. */
final class Pending {
  private Pending() {}

  static final Set<String> IDS =
      Set.of(
          "proxy.header-underscore-dropped",
          "session.store-eviction",
          "session.store-not-persistent",
          "session.secret-weak",
          "har.sanitized"
          );
}
