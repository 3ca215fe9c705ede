package authdoctor.catalog;

import java.util.Set;

/** Catalog ids that have no check class yet (their diagnosis is not implemented). Shrinks to empty. */
final class Pending {
  private Pending() {}

  static final Set<String> IDS =
      Set.of();
}
