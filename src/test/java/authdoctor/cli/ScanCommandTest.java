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
  void envAndRedisFilesAreReadAndTheirSecretsNeverAppearInAnyFormat() throws IOException {
    write("deploy/.env", "SECRET_KEY=keyboard cat\nSESSION_SECRET=Canary-Short-1\nDATABASE_URL=postgres://u:Canary-Db-Pass-77@db/app\n");
    write("deploy/.env.example", "SECRET_KEY=Canary-Example-99\n");
    write("deploy/redis/redis.conf", "maxmemory-policy allkeys-lru\nsave \"\"\nrequirepass Canary-Redis-Pass-88\n");
    StringBuilder all = new StringBuilder();
    for (String format : new String[] {"text", "json", "sarif"}) {
      Run r = run("", "scan", dir.toString(), "--format", format, "--fail-on", "warn");
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      all.append(r.out()).append(r.err());
    }
    // "keyboard cat" is a public sample the catalog's own prose names; the canaries are in no text but the files.
    assertThat(all.toString()).doesNotContain("Canary-Short-1", "Canary-Db-Pass-77", "Canary-Redis-Pass-88", "Canary-Example-99");
    JsonNode json = run("", "scan", dir.toString(), "--format", "json").json();
    JsonNode weak = findings(json, "session.secret-weak");
    assertThat(weak.get("evidence")).hasSize(2);
    assertThat(weak.get("evidence").get(0).get("location").get("file").asText()).isEqualTo("deploy/.env");
    assertThat(findings(json, "session.store-eviction").get("evidence").get(0).get("location").get("line").asInt()).isEqualTo(1);
    assertThat(findings(json, "session.store-not-persistent").get("evidence").get(0).get("location").get("line").asInt()).isEqualTo(2);
  }

  @Test
  void deploymentFilesAreReadAndTheirSecretsNeverAppearInAnyFormat() throws IOException {
    write("compose.yaml", """
        services:
          web1:
            build: .
            env_file: web1.env
            environment:
              DATABASE_URL: postgres://app:Canary-Compose-Db-31@db/app
          web2:
            build: .
            environment:
              SECRET_KEY: Canary-Compose-Secret-Two-5a7c9e
        """);
    write("web1.env", "SECRET_KEY=Canary-EnvFile-Secret-One-4b6d8f\n");
    write("k8s/app.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: app}
        stringData:
          SESSION: Canary-K8s-Secret-Data-77
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          replicas: 2
          template:
            spec:
              containers:
                - name: web
                  image: example/app:1
                  env:
                    - name: SECRET_KEY
                      value: Canary-K8s-Env-Secret-88
                  command: ["sh", "-c", "export SESSION_SECRET=$(openssl rand -hex 32) && exec uvicorn main:app"]
        """);
    write("app.service", "[Service]\nEnvironment=\"SECRET_KEY=Canary-Systemd-Secret-66\"\nExecStart=/usr/bin/gunicorn app:app\n");
    write("Dockerfile", "FROM python:3.13\nENV SECRET_KEY=Canary-Dockerfile-Secret-55\nCMD [\"gunicorn\", \"app:app\"]\n");
    StringBuilder all = new StringBuilder();
    for (String format : new String[] {"text", "json", "sarif"}) {
      Run r = run("", "scan", dir.toString(), "--format", format);
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      all.append(r.out()).append(r.err());
    }
    assertThat(all.toString()).doesNotContain("Canary-Compose-Db-31", "Canary-Compose-Secret-Two", "Canary-EnvFile-Secret-One",
        "Canary-K8s-Secret-Data", "Canary-K8s-Env-Secret", "Canary-Systemd-Secret", "Canary-Dockerfile-Secret");
    JsonNode json = run("", "scan", dir.toString(), "--format", "json").json();
    JsonNode mismatch = findings(json, "session.secret-mismatch");
    assertThat(mismatch.get("evidence").findValuesAsText("file")).contains("web1.env", "compose.yaml", "k8s/app.yaml");
    assertThat(findings(json, "session.lost-on-restart").get("evidence").get(0).get("location").get("line").asInt()).isEqualTo(20);
    assertThat(json.get("steps").findValuesAsText("kind")).contains("compose", "kubernetes", "systemd", "dockerfile");
  }

  @Test
  void unparsableComposeFileInATreeIsAProblemAndNamedItIsExitTwo() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: [unclosed\n");
    Run walked = run("", "scan", dir.toString(), "--format", "json");
    assertThat(walked.code()).as(walked.err()).isZero();
    assertThat(walked.json().get("problems").toString()).contains("compose.yaml:");
    Run named = run("", "scan", dir.resolve("compose.yaml").toString());
    assertThat(named.code()).isEqualTo(2);
    assertThat(named.err().strip()).contains("compose.yaml:").contains("not valid YAML").doesNotContain("\n").doesNotContain("Exception");
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
  void unparsableFileInATreeDoesNotMakeTheScanIncomplete() throws IOException {
    write("broken.conf", "server {\n  listen 80\n}\n");
    Run json = run("", "scan", dir.toString(), "--format", "json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.json().get("problems").toString()).contains("broken.conf:2");
    assertThat(json.json().get("findings")).isEmpty();
    Run text = run("", "scan", dir.toString(), "--fail-on", "info");
    assertThat(text.code()).as(text.out()).isZero();
    assertThat(text.err()).contains("broken.conf:2");
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
