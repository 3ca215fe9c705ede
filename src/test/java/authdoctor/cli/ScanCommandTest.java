package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authdoctor scan} end to end through {@link Main#run}: real files in a temporary tree. */
class ScanCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  private static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, stdin, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static final String MISSING_PROTO = """
      server {
          listen 443 ssl;
          server_name app.example.com;
          add_header Strict-Transport-Security "max-age=1" always;
          location / {
              proxy_pass http://127.0.0.1:8000;
              proxy_set_header Host $host;
              proxy_set_header Authorization "Bearer s3cr3t-token-value-0123456789";
          }
      }
      """;

  private void write(String rel, String text) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void treeFindingsNameTheFileRelativeToTheRootAndLine() throws IOException {
    write("deploy/nginx/site.conf", MISSING_PROTO);
    Run r = run("", "scan", dir.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode f = findings(r.json(), "proxy.forwarded-proto-missing");
    assertThat(f.get("evidence").get(0).get("location").get("file").asText()).isEqualTo("deploy/nginx/site.conf");
    assertThat(f.get("evidence").get(0).get("location").get("line").asInt()).isEqualTo(6);
  }

  @Test
  void secretsInTheConfigNeverAppear() throws IOException {
    write("site.conf", MISSING_PROTO.replace("Bearer s3cr3t", "Bearer s3cr3t").replace("proxy_set_header Authorization \"Bearer s3cr3t-token-value-0123456789\";",
        "proxy_set_header Authorization \"Bearer s3cr3t-token-value-0123456789\";\n proxy_set_header X-Forwarded-Proto \"\";"));
    Run text = run("", "scan", dir.toString());
    Run json = run("", "scan", dir.toString(), "--format", "json");
    assertThat(text.out() + text.err() + json.out()).doesNotContain("s3cr3t-token-value");
  }

  @Test
  void skippedFoldersAreListedWithVerboseAndNotRead() throws IOException {
    write("node_modules/pkg/nginx.conf", MISSING_PROTO);
    write(".git/nginx.conf", MISSING_PROTO);
    write("venv/pyvenv.cfg", "home = /usr\n");
    write("venv/nginx.conf", MISSING_PROTO);
    Run r = run("", "scan", dir.toString(), "--verbose");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("node_modules/ (dependencies)", ".git/ (version control)", "venv/ (virtualenv)");
  }

  @Test
  void oversizedFileIsSkipped() throws IOException {
    write("big.conf", MISSING_PROTO + "#".repeat(3000));
    Run r = run("", "scan", dir.toString(), "--max-file-size", "2000", "-v");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("big.conf (larger than 2000 bytes)");
  }

  @Test
  void symlinkLoopAndSymlinkOutOfTheTreeAreNotFollowed(@TempDir Path outside) throws IOException {
    Files.writeString(outside.resolve("site.conf"), MISSING_PROTO);
    Files.createSymbolicLink(dir.resolve("loop"), dir);
    Files.createSymbolicLink(dir.resolve("out"), outside);
    Files.createSymbolicLink(dir.resolve("linked.conf"), outside.resolve("site.conf"));
    Run r = run("", "scan", dir.toString(), "-v");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.err()).contains("linked.conf (symlink out of the tree)");
  }

  @Test
  void unparsableFileInATreeIsAProblemAndTheWalkGoesOn() throws IOException {
    write("a/broken.conf", "server {\n  listen 443 ssl;\n  location / { proxy_pass http://x;\n");
    write("b/site.conf", MISSING_PROTO);
    Run r = run("", "scan", dir.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.json().get("problems").toString()).contains("a/broken.conf:");
    assertThat(findings(r.json(), "proxy.forwarded-proto-missing")).isNotNull();
  }

  @Test
  void unparsableNamedFileIsExitTwoWithFileAndLine() throws IOException {
    write("broken.conf", "server {\n  listen 80\n}\n");
    Run r = run("", "scan", dir.resolve("broken.conf").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).endsWith("broken.conf:2: unexpected \"}\", expecting \";\"").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void nonexistentPathIsExitTwo() {
    Run r = run("", "scan", dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope: no such file or directory");
  }

  @Test
  void dumpOnStdinNamesEachFileByItsMarker() throws IOException {
    String dump = "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
        + "# configuration file /etc/nginx/nginx.conf:\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n\n"
        + "# configuration file /etc/nginx/conf.d/app.conf:\n" + MISSING_PROTO;
    Run r = run(dump, "scan", "--nginx", "-", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode loc = findings(r.json(), "proxy.forwarded-proto-missing").get("evidence").get(0).get("location");
    assertThat(loc.get("file").asText()).isEqualTo("/etc/nginx/conf.d/app.conf");
    assertThat(loc.get("line").asInt()).isEqualTo(6);
  }

  @Test
  void unparsableDumpIsExitTwo() {
    Run r = run("# configuration file /etc/nginx/nginx.conf:\nhttp {\n", "scan", "--nginx", "-");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("/etc/nginx/nginx.conf:3: unexpected end of file");
  }

  @Test
  void healthyConfigExitsZero() throws IOException {
    write("site.conf", MISSING_PROTO.replace("proxy_set_header Host $host;", "proxy_set_header Host $host;\n proxy_set_header X-Forwarded-Proto $scheme;")
        .replace("proxy_set_header Authorization \"Bearer s3cr3t-token-value-0123456789\";", ""));
    Run r = run("", "scan", dir.toString(), "--format", "json");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.json().get("findings")).isEmpty();
  }

  private static JsonNode findings(JsonNode report, String id) {
    for (JsonNode f : report.get("findings")) if (f.get("id").asText().equals(id)) return f;
    throw new AssertionError("no " + id + " in " + report.get("findings"));
  }
}
