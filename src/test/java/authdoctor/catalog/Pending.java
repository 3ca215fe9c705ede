package authdoctor.catalog;

import java.util.Set;

/** Catalog ids that have no check class yet (their diagnosis is not implemented). Shrinks to empty. */
final class Pending {
  private Pending() {}

  static final Set<String> IDS =
      Set.of(
          "cookie.missing",
          "cookie.name-collision",
          "proxy.forwarded-proto-missing",
          "proxy.forwarded-proto-overwritten",
          "proxy.prefix-not-forwarded",
          "proxy.forwarded-proto-untrusted",
          "proxy.host-not-forwarded",
          "proxy.authorization-stripped",
          "proxy.header-inheritance",
          "proxy.header-underscore-dropped",
          "proxy.set-cookie-cached",
          "proxy.auth-response-cached",
          "csrf.origin-untrusted",
          "csrf.token-missing",
          "cors.credentials-not-allowed",
          "cors.origin-not-allowed",
          "cors.header-not-allowed",
          "session.secret-mismatch",
          "session.store-not-shared",
          "session.lost-on-restart",
          "session.logout-not-invalidated",
          "session.store-unreachable",
          "session.store-eviction",
          "session.store-not-persistent",
          "session.secret-missing",
          "session.secret-weak",
          "har.sanitized"
          );
}
