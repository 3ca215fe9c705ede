package authdoctor.cookie;

import static java.util.Objects.requireNonNull;

/**
 * The partition of a {@code Partitioned} (CHIPS) cookie: the schemeful top-level site, and whether the
 * frame had a cross-site ancestor (Chromium {@code CookiePartitionKey}).
 */
public record PartitionKey(String topLevelSite, boolean crossSiteAncestor) {
  public PartitionKey {
    requireNonNull(topLevelSite);
  }

  @Override
  public String toString() {
    return topLevelSite + (crossSiteAncestor ? " (cross-site ancestor)" : "");
  }
}
