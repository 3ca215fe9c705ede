package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authdoctor fingerprint} end to end: secrets from the environment and dotenv files become keyed
 * fingerprints; saved outputs compared across instances name {@code session.secret-mismatch}. The planted
 * secrets are canaries: absent from every output format.
 */
class FingerprintCommandTest {
  private static final String STRONG = "canaryStrongSecret-7Qm2AbCdEfGhIjKlMnOp";
  private static final String OTHER = "canaryOtherSecret-Zq8h3kLw9pXv2mNa7RtY5c";
  private static final String SHORT = "canaryShrt";
  private static final List<String> CANARIES = List.of(STRONG, OTHER, SHORT);

  @TempDir Path dir;
  private Path key;

  record Run(int code, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new Io(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), env, false));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void sharedKey() throws Exception {
    key = dir.resolve("team.key");
    Files.write(key, "0123456789abcdef0123456789abcdef".getBytes());
  }

  private static void noCanary(Run r) {
    for (String c : CANARIES) assertThat(r.out() + r.err()).doesNotContain(c);
  }

  @Test
  void environmentSecretsAreFingerprintedNeverPrintedInAnyFormat() throws Exception {
    Map<String, String> env = Map.of("SESSION_SECRET", STRONG, "JWT_SECRET", SHORT, "HOME", "/home/u", "PATH", "/usr/bin");
    for (authdoctor.report.Format f : authdoctor.report.Format.values()) {
      String format = f.toString();
      Run r = run(env, "fingerprint", "--env", "--key-file", key.toString(), "--format", format);
      assertThat(r.code()).as(format + r.err()).isEqualTo(0);
      noCanary(r);
    }
    Run json = run(env, "fingerprint", "--env", "--key-file", key.toString(), "--format", "json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    List<String> names = new ArrayList<>();
    root.get("steps").forEach(s -> names.add(s.get("name").asText()));
    assertThat(names).containsExactly("JWT_SECRET", "SESSION_SECRET");
    assertThat(root.get("steps").get(1).get("fingerprint").asText()).matches("[0-9a-f]{8}");
    assertThat(root.get("steps").get(1).get("length").asInt()).isEqualTo(STRONG.length());
    // the short one is weak: session.secret-weak, by its length only
    assertThat(root.get("findings").get(0).get("id").asText()).isEqualTo("session.secret-weak");
    assertThat(root.get("findings")).hasSize(1);
  }

  @Test
  void compareNamesTheInstancesWhoseSecretDiffers() throws Exception {
    Path a = save("web-1", "SESSION_SECRET=" + STRONG + "\n");
    Path b = save("web-2", "SESSION_SECRET=" + OTHER + "\n");
    Path c = save("web-3", "export SESSION_SECRET=\"" + STRONG + "\"\n");

    Run r = run(Map.of(), "fingerprint", "--compare", a.toString(), b.toString(), c.toString(), "--format", "json");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("id").asText()).isEqualTo("session.secret-mismatch");
    JsonNode evidence = findings.get(0).get("evidence");
    assertThat(evidence).hasSize(1);
    assertThat(evidence.get(0).get("location").get("file").asText()).isEqualTo(b.toString());
    assertThat(evidence.get(0).get("facts").get("note").asText()).contains(a.toString(), b.toString());
    noCanary(r);

    Run same = run(Map.of(), "fingerprint", "--compare", a.toString(), c.toString());
    assertThat(same.code()).isEqualTo(0);
    assertThat(same.out()).contains("0 errors");
  }

  private Path save(String name, String dotenv) throws Exception {
    Path env = dir.resolve(name + ".env");
    Files.writeString(env, dotenv);
    Path out = dir.resolve(name + ".json");
    Run r = run(Map.of(), "fingerprint", "--file", env.toString(), "--key-file", key.toString(), "--format", "json", "--output", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(out)).doesNotContain(STRONG).doesNotContain(OTHER);
    return out;
  }

  @Test
  void filesMadeWithDifferentKeysDoNotCompare() throws Exception {
    Path a = save("web-1", "SESSION_SECRET=" + STRONG + "\n");
    Files.write(key, "another key of thirty-two bytes!".getBytes());
    Path b = save("web-2", "SESSION_SECRET=" + STRONG + "\n");
    Run r = run(Map.of(), "fingerprint", "--compare", a.toString(), b.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("made with another key");
  }

  @Test
  void badInputIsOneLine() {
    Run none = run(Map.of(), "fingerprint");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("say what to fingerprint");
    Run missingKey = run(Map.of("S_SECRET", STRONG), "fingerprint", "--env", "--key-file", dir.resolve("nope").toString());
    assertThat(missingKey.code()).isEqualTo(2);
    assertThat(missingKey.err().strip().lines()).hasSize(1);
    Run notSet = run(Map.of(), "fingerprint", "--name", "SESSION_SECRET", "--key-file", key.toString());
    assertThat(notSet.err()).contains("SESSION_SECRET: not set");
  }
}
