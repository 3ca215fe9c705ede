package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.Io;
import authdoctor.cli.Main;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import authdoctor.testing.lab.LabExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code authdoctor probe … --config lab/cases/NAME} on the lab cases whose planted bug is in their files
 * ({@code scan_expect}): each live finding of a planted id carries the file:line of the planted cause next
 * to the step where it was seen; the healthy twin probed with its own files stays clean; and the healthy
 * twin probed with a broken case's files drops the configuration's finding, contradicted by the live run.
 * {@code -Dlab.cases=a,b} runs only those cases.
 */
@Tag("lab")
@ExtendWith(LabExtension.class)
class ProbeConfigLabTest {
  private record Run(int code, JsonNode report, String err) {}

  private static Run probe(String name, Path config) throws IOException {
    String info = Lab.up(name);
    LabDeployment lab = LabDeployment.load(Lab.dir(), name, info);
    try {
      List<String> args = new ArrayList<>(ProbeLabTest.args(lab));
      args.addAll(List.of("--config", config.toString()));
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(o),
          new PrintWriter(e), Map.of("LAB_PASSWORD", lab.password()), false));
      assertThat(code).as(name + ": " + e).isIn(0, 1, 3);
      assertThat(o + e.toString()).as(name + ": the password never appears").doesNotContain(lab.password());
      return new Run(code, new ObjectMapper().readTree(o.toString()), e.toString());
    } finally {
      Lab.downKeepShared(name);
    }
  }

  private static Path dir(String name) {
    return Lab.dir().resolve("cases").resolve(name);
  }

  @TestFactory
  Stream<DynamicTest> theLiveFindingCarriesThePlantedCause() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Lab.dir().resolve("cases"))) {
      for (Path d : dirs.sorted().toList()) {
        String name = d.getFileName().toString();
        if (!System.getProperty("lab.cases", "").isEmpty() && !List.of(System.getProperty("lab.cases").split(",")).contains(name)) continue;
        if (!Files.isRegularFile(d.resolve("case.json"))) continue;
        JsonNode c = new ObjectMapper().readTree(d.resolve("case.json").toFile());
        if (c.path("scan_expect").isEmpty() || c.has("probe_pending")) continue;
        if (ownIds(name, c).isEmpty()) continue;
        tests.add(DynamicTest.dynamicTest(name, () -> planted(name, c)));
      }
    }
    return tests.stream();
  }

  /**
   * The planted ids whose every expected line is in the case's folder: {@code --config} names that folder
   * only, so an id planted across the case's files and the app's shared source ({@code lab/apps/…},
   * {@code lab/node/…}) is found only with that source scanned too, which LabScanTest does.
   */
  private static List<String> ownIds(String name, JsonNode c) {
    List<String> ids = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    for (JsonNode w : c.path("scan_expect")) {
      String id = w.get("id").asText();
      if (w.get("file").asText().startsWith("lab/cases/" + name + "/")) ids.add(id);
      else shared.add(id);
    }
    ids.removeAll(shared);
    return ids;
  }

  private static void planted(String name, JsonNode c) throws IOException {
    Run run = probe(name, dir(name));
    List<String> expectErrors = new ArrayList<>();
    c.path("expect_errors").forEach(x -> expectErrors.add(x.asText()));
    int joined = 0;
    List<String> own = ownIds(name, c);
    for (JsonNode want : c.path("scan_expect")) {
      String id = want.get("id").asText();
      if (!own.contains(id)) continue;
      // scan_expect names the file from the repository's root; --config DIR names it from DIR.
      String file = want.get("file").asText().substring(("lab/cases/" + name + "/").length());
      JsonNode finding = null;
      for (JsonNode f : run.report().get("findings")) if (f.get("id").asText().equals(id)) finding = f;
      assertThat(finding).as(name + ": " + id + " reported (" + run.err() + ")").isNotNull();
      List<String> where = new ArrayList<>();
      boolean live = false;
      for (JsonNode e : finding.get("evidence")) {
        JsonNode l = e.get("location");
        if (l.has("file")) where.add(l.get("file").asText() + ":" + l.get("line").asInt());
        if (l.has("step")) live = true;
      }
      assertThat(where).as(name + ": " + id + " at the planted line").contains(file + ":" + want.get("line").asInt());
      String note = finding.get("evidence").get(0).get("text").asText();
      if (live) {
        joined++;
        assertThat(note).as(name + ": " + id).startsWith("seen live at step ").contains("caused by " + file + ":" + want.get("line").asInt());
      } else {
        assertThat(note).as(name + ": " + id).contains("not seen live");
      }
    }
    // Every planted id the probe itself finds live is joined to its line.
    long plantedLive = expectErrors.stream().filter(own::contains).filter(id -> {
      for (JsonNode w : c.path("scan_expect")) if (w.get("id").asText().equals(id)) return true;
      return false;
    }).count();
    assertThat(joined).as(name + ": live findings joined to their line").isGreaterThanOrEqualTo((int) plantedLive);
  }

  @Test
  void theHealthyTwinWithItsOwnFilesIsClean() throws IOException {
    Run run = probe("flask-healthy", dir("flask-healthy"));
    List<String> errors = new ArrayList<>();
    run.report().get("findings").forEach(f -> { if (f.get("severity").asText().equals("error")) errors.add(f.get("id").asText()); });
    assertThat(errors).as(run.err()).isEmpty();
    assertThat(run.report().path("contradicted").isMissingNode()).isTrue();
  }

  @Test
  void aConfigurationFindingTheLiveRunContradictsIsDropped() throws IOException {
    Run run = probe("flask-healthy", dir("flask-forwarded-proto-missing"));
    run.report().get("findings").forEach(f -> assertThat(f.get("id").asText()).isNotEqualTo("proxy.forwarded-proto-missing"));
    List<String> dropped = new ArrayList<>();
    run.report().path("contradicted").forEach(x -> dropped.add(x.get("id").asText() + ": " + x.get("note").asText()));
    assertThat(dropped).anySatisfy(d -> assertThat(d).startsWith("proxy.forwarded-proto-missing: in the configuration at nginx.conf:14")
        .contains("contradicted by the live run: step "));
  }
}
