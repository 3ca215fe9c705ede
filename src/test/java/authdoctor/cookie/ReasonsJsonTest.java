package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The reason table in code ({@link ExclusionReason}, {@link CatalogIds}) equals reasons.json. */
class ReasonsJsonTest {
  private final JsonNode reasons;

  ReasonsJsonTest() throws IOException {
    reasons = new ObjectMapper().readTree(CorpusTest.corpus("chromium/reasons.json").toFile());
  }

  @Test
  void exclusionReasonsAreChromiumsInTheSameOrder() {
    List<String> json = new ArrayList<>();
    reasons.get("exclusion_reasons").forEach(r -> json.add(r.get("name").asText()));
    assertThat(Arrays.stream(ExclusionReason.values()).map(Enum::name).toList()).isEqualTo(json);
  }

  @Test
  void catalogIdsEqualReasonsJson() {
    Map<String, String> json = new TreeMap<>();
    Map<String, String> code = new TreeMap<>();
    for (JsonNode r : reasons.get("exclusion_reasons")) {
      String id = r.get("catalog_id").isNull() ? "" : r.get("catalog_id").asText();
      // "cookie.domain-mismatch | cookie.domain-public-suffix (when …)": the first is the default.
      int bar = id.indexOf(" | ");
      json.put(r.get("name").asText(), bar < 0 ? id : id.substring(0, bar));
    }
    for (ExclusionReason r : ExclusionReason.values()) {
      code.put(r.name(), r.catalogId() == null ? "" : r.catalogId());
    }
    assertThat(code).isEqualTo(json);
    String invalidDomain =
        reasons.get("exclusion_reasons").get(ExclusionReason.EXCLUDE_INVALID_DOMAIN.ordinal())
            .get("catalog_id").asText();
    assertThat(invalidDomain).contains(CatalogIds.DOMAIN_PUBLIC_SUFFIX);
  }

  @Test
  void phasesEqualReasonsJson() {
    for (JsonNode r : reasons.get("exclusion_reasons")) {
      ExclusionReason e = ExclusionReason.valueOf(r.get("name").asText());
      assertThat(e.phase().name().toLowerCase()).as(e.name()).isEqualTo(r.get("phase").asText());
    }
  }

  @Test
  void devtoolsReasonsEqualReasonsJson() {
    for (JsonNode r : reasons.get("exclusion_reasons")) {
      ExclusionReason e = ExclusionReason.valueOf(r.get("name").asText());
      assertThat(devtools(e, true))
          .as(e.name())
          .isEqualTo(expand(text(r.get("devtools_set_cookie_blocked_reason"))));
      assertThat(devtools(e, false))
          .as(e.name())
          .isEqualTo(expand(text(r.get("devtools_cookie_blocked_reason"))));
    }
  }

  /** Our values in reasons.json's notation: "SameSiteLax | SchemefulSameSiteLax" for SameSite. */
  private static String devtools(ExclusionReason e, boolean setting) {
    String plain = setting ? e.devtoolsSetReason() : e.devtoolsGetReason();
    if (plain == null) return "";
    if (!e.isSameSite()) return plain;
    return plain + " | " + e.devtoolsReason(setting);
  }

  /** reasons.json abbreviates "X | SchemefulX" as "X | Schemeful...". */
  private static String expand(String json) {
    int bar = json.indexOf(" | Schemeful...");
    return bar < 0 ? json : json.substring(0, bar) + " | Schemeful" + json.substring(0, bar);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asText();
  }

  @Test
  void findingOrderEqualsTheAboutText() {
    String about = reasons.get("about").asText();
    String order = about.substring(about.indexOf("in this order: ") + "in this order: ".length());
    List<String> ids =
        Arrays.stream(order.replaceAll("\\.$", "").split(", ")).map(s -> "cookie." + s.strip()).toList();
    assertThat(CatalogIds.FINDING_ORDER).isEqualTo(ids);
  }

  @Test
  void warningReasonsAreChromiumNames() {
    List<String> json = new ArrayList<>();
    reasons.get("warning_reasons").forEach(r -> json.add(r.get("name").asText()));
    for (WarningReason w : WarningReason.values()) assertThat(json).as(w.name()).contains(w.name());
  }
}
