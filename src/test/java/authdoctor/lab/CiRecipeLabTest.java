package authdoctor.lab;

import static authdoctor.testing.MarkdownDoc.all;
import static authdoctor.testing.MarkdownDoc.rows;
import static authdoctor.testing.MarkdownDoc.text;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.Io;
import authdoctor.cli.Main;
import authdoctor.testing.JUnitXml;
import authdoctor.testing.MarkdownDoc;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * docs/ci.md as a user follows it, on real deployments: the flow file written by {@code --save-flow}
 * from a case's flags, then exactly the commands of the recipe's {@code sh} block, run against a broken
 * case and its healthy twin. The JUnit report fails once per error finding, the Markdown summary leads
 * with the root cause, the SARIF file names the same rules, the exit code is the job's verdict, and a
 * probe from the flow file finds what the same probe from flags finds. The GitHub and GitLab jobs of
 * the page run those same commands.
 */
@Tag("lab")
class CiRecipeLabTest {
  private static final Path RECIPE = Lab.dir().getParent().resolve("docs/ci.md");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  record Run(int code, String out, String err) {}

  @AfterAll
  static void stopShared() {
    Lab.downIdle();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"flask-samesite-none-insecure", "flask-healthy"})
  void theRecipesCommandsJudgeTheDeployment(String name, @TempDir Path dir) throws Exception {
    LabDeployment lab = LabDeployment.load(Lab.dir(), name, Lab.up(name));
    try {
      Map<String, String> env = Map.of("LAB_PASSWORD", lab.password(), "ENVIRONMENT", "lab");
      List<String> flags = new ArrayList<>(ProbeLabTest.args(lab));
      Run fromFlags = run(flags, env, dir);
      Set<String> expected = errorIds(JSON.readTree(fromFlags.out()));

      writeFlowFile(lab, flags, env, dir);

      Files.createDirectories(dir.resolve("reports"));
      List<Integer> codes = new ArrayList<>();
      for (List<String> command : recipe()) {
        Run r = run(command, env, dir);
        assertThat(r.err()).as(String.join(" ", command)).doesNotContain("Exception").doesNotContain(lab.password());
        codes.add(r.code());
      }
      int verdict = lab.healthy() ? 0 : 1;
      assertThat(codes.get(0)).as("the job's status: the JUnit run's exit code").isEqualTo(verdict);
      assertThat(codes).as("every format gives the same verdict").containsOnly(verdict);

      Document junit = JUnitXml.validate(Files.readString(dir.resolve("reports/authdoctor.xml")));
      assertThat(JUnitXml.failures(junit)).as("one <failure> per error finding").hasSize(expected.size());

      String md = Files.readString(dir.resolve("reports/authdoctor.md"));
      Node doc = MarkdownDoc.parse(md);
      String heading = text(all(doc, Heading.class).get(0));
      JsonNode sarif = JSON.readTree(dir.resolve("reports/authdoctor.sarif").toFile());
      Set<String> sarifErrors = new TreeSet<>();
      sarif.at("/runs/0/results").forEach(r -> {
        if (r.path("level").asText().equals("error")) sarifErrors.add(r.path("ruleId").asText());
      });
      assertThat(sarifErrors).as("SARIF's error results").isEqualTo(expected);
      for (Path p : List.of(Path.of("authdoctor.xml"), Path.of("authdoctor.md"), Path.of("authdoctor.sarif"))) {
        assertThat(Files.readString(dir.resolve("reports").resolve(p))).as(p + ": no secret").doesNotContain(lab.password());
      }
      if (lab.healthy()) {
        assertThat(expected).as("the healthy twin").isEmpty();
        assertThat(heading).doesNotContain("fails");
      } else {
        assertThat(expected).as("the flow file finds what the flags find").containsAll(lab.expectErrors());
        assertThat(heading).contains("fails");
        List<List<String>> findings = rows(all(doc, TableBlock.class).get(0));
        assertThat(expected).as("the summary's first row is an error, the root cause").contains(findings.get(0).get(1));
      }
    } finally {
      Lab.downKeepShared(name);
    }
  }

  /** The flow file, written from the flags as the README says, under an environment named "lab": authdoctor.yml in {@code dir}. */
  private static void writeFlowFile(LabDeployment lab, List<String> flags, Map<String, String> env, Path dir) throws IOException {
    List<String> save = new ArrayList<>(flags);
    save.removeAll(List.of("--format", "json", "--quiet"));
    Path saved = dir.resolve("saved.yml");
    save.addAll(List.of("--save-flow", saved.toString()));
    assertThat(run(save, env, dir).code()).as("--save-flow").isZero();
    String flow = "environments:\n  lab:\n" + Files.readAllLines(saved).stream()
        .map(l -> l.isBlank() || l.startsWith("#") ? l : "    " + l).reduce("", (a, l) -> a + l + "\n");
    Files.writeString(dir.resolve("authdoctor.yml"), flow);
    assertThat(flow).doesNotContain(lab.password());
  }

  /**
   * The deploy recipe of docs/ci.md ("Sessions across a deploy"), on deployments whose restart changes the
   * session secret (flask-lost-on-restart: a key generated at start-up), empties an in-memory store
   * (express-lost-on-restart: express-session's MemoryStore) or keeps everything (flask-healthy): the
   * recipe's own commands, its deploy step a restart of the case ({@code lab/restart}). The pipeline fails
   * exactly when sessions did not survive, and the finding names the layer.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"flask-lost-on-restart", "express-lost-on-restart", "flask-healthy"})
  void theDeployRecipeFailsThePipelineWhenSessionsDoNotSurvive(String name, @TempDir Path dir) throws Exception {
    LabDeployment lab = LabDeployment.load(Lab.dir(), name, Lab.up(name));
    try {
      String key = "lab-session-key-" + java.util.UUID.randomUUID();
      Map<String, String> env = Map.of("LAB_PASSWORD", lab.password(), "ENVIRONMENT", "lab", "AUTHDOCTOR_SESSION_KEY", key);
      List<String> flags = new ArrayList<>(ProbeLabTest.args(lab));
      int restart = flags.indexOf("--restart-command");
      if (restart >= 0) flags.subList(restart, restart + 2).clear(); // the recipe's deploy step restarts it
      writeFlowFile(lab, flags, env, dir);
      Files.createDirectories(dir.resolve("reports"));

      List<List<String>> steps = deployRecipe();
      List<Integer> codes = new ArrayList<>();
      boolean deployed = false;
      List<String> reuse = null;
      for (List<String> command : steps) {
        if (command.equals(DEPLOY)) {
          lab.restart();
          deployed = true;
          continue;
        }
        if (deployed && command.contains("--reuse-session")) reuse = command;
        Run r = run(command, env, dir);
        assertThat(r.err()).as(String.join(" ", command)).doesNotContain("Exception").doesNotContain(lab.password())
            .doesNotContain(key);
        codes.add(r.code());
      }
      assertThat(deployed).as("the recipe has a deploy step").isTrue();
      assertThat(reuse).as("the recipe reuses the session after the deploy").isNotNull();
      Path session = dir.resolve("session.bin");
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
          .isEqualTo("rw-------");
      assertThat(new String(Files.readAllBytes(session), java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain(lab.password()).doesNotContain("alice");
      assertThat(codes.get(0)).as("the save before the deploy").isIn(0, 1);

      int verdict = lab.healthy() ? 0 : 1;
      assertThat(codes.get(1)).as("the job's status after the deploy").isEqualTo(verdict);
      Document junit = JUnitXml.validate(Files.readString(dir.resolve("reports/after-deploy.xml")));
      List<String> failed = JUnitXml.failures(junit).stream()
          .map(f -> ((org.w3c.dom.Element) f.getParentNode()).getAttribute("name") + " " + f.getAttribute("message")).toList();
      for (Path p : List.of(Path.of("before-deploy.md"), Path.of("after-deploy.xml"))) {
        assertThat(Files.readString(dir.resolve("reports").resolve(p))).as(p + ": no secret")
            .doesNotContain(lab.password()).doesNotContain(key);
      }

      // The same replay as JSON: which layer the refusal points to.
      List<String> json = new ArrayList<>(reuse.subList(0, reuse.indexOf("--format")));
      json.addAll(List.of("--format", "json"));
      Run again = run(json, env, dir);
      Set<String> errors = errorIds(JSON.readTree(again.out()));
      if (lab.healthy()) {
        assertThat(failed).as("the healthy twin").isEmpty();
        assertThat(errors).isEmpty();
      } else {
        assertThat(failed).as("JUnit failures").anyMatch(f -> f.contains("session.lost-on-restart"));
        assertThat(errors).contains("session.lost-on-restart");
        String finding = "";
        for (JsonNode f : JSON.readTree(again.out()).path("findings")) {
          if (f.path("id").asText().equals("session.lost-on-restart")) finding = f.toString();
        }
        assertThat(finding).contains("saved").contains(name.startsWith("flask")
            ? "the secret that signs it changed" : "the store lost it");
      }
    } finally {
      Lab.downKeepShared(name);
    }
  }

  /** The deploy step of the recipe: {@code ./deploy.sh   # your deploy step}. */
  private static final List<String> DEPLOY = List.of("DEPLOY");

  /** The lines of the sh block of "Sessions across a deploy": authdoctor commands and the deploy step ({@link #DEPLOY}). */
  static List<List<String>> deployRecipe() throws IOException {
    String doc = Files.readString(RECIPE);
    int at = doc.indexOf("## Sessions across a deploy");
    assertThat(at).as("docs/ci.md has the deploy recipe").isPositive();
    Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(doc.substring(at));
    assertThat(m.find()).as("the deploy recipe has a sh block").isTrue();
    List<List<String>> steps = new ArrayList<>();
    for (String line : m.group(1).split("\n")) {
      if (line.startsWith("authdoctor ")) steps.add(words(line.substring(0, line.indexOf("||")).strip()));
      else if (line.contains("# your deploy step")) steps.add(DEPLOY);
    }
    assertThat(steps).as("save, deploy, reuse").hasSize(3);
    return steps;
  }

  /** The deploy job of docs/ci.md runs the deploy recipe's commands. */
  @Test
  void theDeployJobRunsTheDeployRecipe() throws IOException {
    List<String> commands = deployRecipe().stream().filter(c -> !c.equals(DEPLOY)).map(c -> String.join(" ", c)).toList();
    JsonNode job = YAML.readTree(yamlBlocks().get(".github/workflows/deploy.yml"));
    List<String> run = new ArrayList<>();
    job.at("/jobs/deploy/steps").forEach(s -> run.addAll(Arrays.asList(s.path("run").asText("").split("\n"))));
    assertThat(jobCommands(run)).isEqualTo(commands);
    assertThat(job.at("/jobs/deploy/env/AUTHDOCTOR_SESSION_KEY").asText()).contains("secrets.");
  }

  /** The GitHub and GitLab jobs run the recipe's commands (as {@code java -jar authdoctor.jar}) and upload its files. */
  @Test
  void theJobsRunTheSameCommands() throws IOException {
    List<String> commands = recipe().stream().map(c -> String.join(" ", c)).toList();
    Map<String, String> blocks = yamlBlocks();
    JsonNode github = YAML.readTree(blocks.get(".github/workflows/smoke.yml"));
    List<String> run = new ArrayList<>();
    List<String> uploads = new ArrayList<>();
    github.at("/jobs/authdoctor/steps").forEach(s -> {
      run.addAll(Arrays.asList(s.path("run").asText("").split("\n")));
      s.path("with").forEach(v -> uploads.add(v.asText()));
    });
    assertThat(jobCommands(run)).isEqualTo(commands);
    assertThat(uploads).contains("reports/authdoctor.xml", "reports/authdoctor.sarif");
    assertThat(github.at("/jobs/authdoctor/permissions/security-events").asText()).isEqualTo("write");

    JsonNode gitlab = YAML.readTree(blocks.get(".gitlab-ci.yml"));
    List<String> script = new ArrayList<>();
    gitlab.at("/authdoctor/script").forEach(s -> script.add(s.asText()));
    assertThat(jobCommands(script)).isEqualTo(commands);
    assertThat(gitlab.at("/authdoctor/artifacts/reports/junit").asText()).isEqualTo("reports/authdoctor.xml");
  }

  /** The {@code authdoctor …} lines of the recipe's {@code sh} block, split into arguments. */
  static List<List<String>> recipe() throws IOException {
    Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(RECIPE));
    assertThat(m.find()).as("docs/ci.md has a sh block").isTrue();
    List<List<String>> commands = new ArrayList<>();
    for (String line : m.group(1).split("\n")) {
      if (line.startsWith("authdoctor ")) commands.add(words(line.substring(0, line.indexOf("||")).strip()));
    }
    assertThat(commands).as("the recipe's commands").hasSizeGreaterThanOrEqualTo(3);
    return commands;
  }

  private static List<String> jobCommands(List<String> lines) {
    return lines.stream().map(String::strip).filter(l -> l.startsWith("java -jar authdoctor.jar "))
        .map(l -> String.join(" ", words(l.substring("java -jar ".length(), l.indexOf("||")).replace("authdoctor.jar", "authdoctor"))))
        .toList();
  }

  private static Map<String, String> yamlBlocks() throws IOException {
    Matcher m = Pattern.compile("```yaml\n# (\\S+)\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(RECIPE));
    Map<String, String> blocks = new java.util.HashMap<>();
    while (m.find()) blocks.put(m.group(1), m.group(2));
    return blocks;
  }

  /** Shell words of a recipe line: blanks split, double quotes group ("$ENVIRONMENT" stays one word). */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    Matcher w = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
    while (w.find()) out.add(w.group(1) != null ? w.group(1) : w.group(2));
    return out;
  }

  /** One command as the shell would run it in {@code dir}: {@code $ENVIRONMENT} expanded, relative paths under {@code dir}. */
  private static Run run(List<String> command, Map<String, String> env, Path dir) {
    List<String> args = new ArrayList<>();
    for (int i = command.get(0).equals("authdoctor") ? 1 : 0; i < command.size(); i++) {
      String a = command.get(i).replace("$ENVIRONMENT", env.get("ENVIRONMENT"));
      String prev = i > 0 ? command.get(i - 1) : "";
      if (prev.equals("-o") || prev.equals("--flow") || prev.equals("--save-session") || prev.equals("--reuse-session")) {
        a = dir.resolve(a).toString();
      }
      args.add(a);
    }
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(out),
        new PrintWriter(err), env, false));
    return new Run(code, out.toString(), err.toString());
  }

  private static Set<String> errorIds(JsonNode root) {
    Set<String> ids = new TreeSet<>();
    root.path("findings").forEach(f -> {
      if (f.path("severity").asText().equals("error")) ids.add(f.path("id").asText());
    });
    return ids;
  }
}
