package authdoctor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.Severity;
import org.junit.jupiter.api.Test;

class CatalogParserTest {
  private static final String ENTRY =
      """
      # Title of the entry

      - id: x.y
      - severity: warn
      - area: Area

      ## Why it breaks auth
      Because.
      ## How to confirm it by hand
      ```
      # a shell comment, not a title
      ## nor a section
      curl -sI https://app.example.com/
      ```
      ## Evidence
      The header.
      ## Fix
      ### Flask
      ```python
      # a Python comment
      SESSION_COOKIE_SECURE = True
      ```
      ### Any stack
      Do it.
      ## Known limitations
      None.
      """;

  @Test
  void hashLinesInsideCodeBlocksAreNotHeadings() {
    CatalogEntry e = CatalogParser.parse("x.y", ENTRY, "x.y.md");
    assertThat(e.title()).isEqualTo("Title of the entry");
    assertThat(e.severity()).isEqualTo(Severity.WARN);
    assertThat(e.confirm()).contains("# a shell comment", "## nor a section", "curl -sI");
    assertThat(e.fixes()).containsOnlyKeys("flask", "any");
    assertThat(e.fixes().get("flask")).contains("# a Python comment", "SESSION_COOKIE_SECURE");
  }

  @Test
  void unknownStackHeadingIsRefused() {
    assertThatThrownBy(() -> CatalogParser.parse("x.y", ENTRY.replace("### Flask", "### Flask 2"), "x.y.md"))
        .hasMessageContaining("unknown stack heading 'Flask 2'");
  }

  @Test
  void idMustMatchTheFileName() {
    assertThatThrownBy(() -> CatalogParser.parse("x.z", ENTRY, "x.z.md")).hasMessageContaining("must be x.z");
  }

  @Test
  void everySectionIsRequired() {
    assertThatThrownBy(() -> CatalogParser.parse("x.y", ENTRY.replace("## Evidence", "## Proof"), "x.y.md"))
        .hasMessageContaining("missing section '## Evidence'");
  }
}
