package authdoctor.catalog;

/** Renders {@code docs/checks.md} from the catalog: the published reference, never edited by hand. */
public final class CatalogDocs {
  private CatalogDocs() {}

  public static String render(Catalog catalog) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Finding reference\n\n")
        .append("<!-- Generated from src/main/resources/authdoctor/checks/*.md by CatalogDocs;")
        .append(" do not edit. Regenerate: AUTHDOCTOR_UPDATE_DOCS=1 ./test -Dtest=CatalogContractTest -->\n\n")
        .append("Every finding authdoctor reports carries one of these ids. `authdoctor explain ID` prints the")
        .append(" same text in a terminal.\n\n");
    String area = "";
    sb.append("| id | severity | title |\n|---|---|---|\n");
    for (CatalogEntry e : catalog.entries()) {
      sb.append("| [`").append(e.id()).append("`](#").append(anchor(e.id())).append(") | ")
          .append(e.severity().word()).append(" | ").append(e.title()).append(" |\n");
    }
    for (CatalogEntry e : catalog.entries()) {
      if (!e.area().equals(area)) {
        area = e.area();
        sb.append("\n## ").append(area).append('\n');
      }
      sb.append("\n### ").append(e.id()).append("\n\n")
          .append("**").append(e.severity().word()).append("** — ").append(e.title()).append("\n\n")
          .append("#### Why it breaks auth\n\n").append(e.why()).append("\n\n")
          .append("#### How to confirm it by hand\n\n").append(e.confirm()).append("\n\n")
          .append("#### Evidence\n\n").append(e.evidence()).append("\n\n")
          .append("#### Fix\n");
      e.fixes().forEach((k, v) -> sb.append("\n**").append(Catalog.stackName(k)).append("**\n\n").append(v).append('\n'));
      sb.append("\n#### Known limitations\n\n").append(e.limitations()).append('\n');
    }
    return sb.toString();
  }

  /** GitHub's heading anchor for an id: dots dropped, lowercase. */
  static String anchor(String id) {
    return id.replace(".", "");
  }
}
