package authdoctor.collect.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.nginx.NginxNode;
import authdoctor.nginx.NginxProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxReaderTest {
  @TempDir Path dir;

  private static List<NginxNode> flat(List<NginxNode> nodes) {
    List<NginxNode> out = new ArrayList<>();
    for (NginxNode n : nodes) {
      out.add(n);
      out.addAll(flat(n.block()));
    }
    return out;
  }

  private NginxReader.Result read(String main) {
    return NginxReader.read(new DiskFiles(dir, dir.resolve("nginx"), 1 << 20), main);
  }

  @Test
  void includeGlobRelativeToTheFileIsSplicedInPlaceWithItsOwnFileAndLine() throws IOException {
    Files.createDirectories(dir.resolve("nginx/conf.d"));
    Files.writeString(dir.resolve("nginx/nginx.conf"), "http {\n  include conf.d/*.conf;\n}\n");
    Files.writeString(dir.resolve("nginx/conf.d/b.conf"), "server {\n  listen 81;\n}\n");
    Files.writeString(dir.resolve("nginx/conf.d/a.conf"), "\nserver { listen 80; }\n");
    var r = read("nginx/nginx.conf");
    assertThat(r.config().ok()).isTrue();
    List<NginxNode> listens = flat(r.config().nodes()).stream().filter(n -> n.name().equals("listen")).toList();
    assertThat(listens).extracting(NginxNode::file, NginxNode::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nginx/conf.d/a.conf", 2), org.assertj.core.groups.Tuple.tuple("nginx/conf.d/b.conf", 2));
  }

  @Test
  void relativeIncludeFallsBackToThePrefix() throws IOException {
    Files.createDirectories(dir.resolve("nginx/snippets"));
    Files.createDirectories(dir.resolve("sites"));
    Files.writeString(dir.resolve("sites/app.conf"), "server { include snippets/proxy.conf; }");
    Files.writeString(dir.resolve("nginx/snippets/proxy.conf"), "proxy_set_header Host $host;");
    var r = read("sites/app.conf");
    assertThat(flat(r.config().nodes())).extracting(NginxNode::name).contains("proxy_set_header");
  }

  @Test
  void absoluteIncludeOutsideTheTreeIsTriedInsideIt() throws IOException {
    Files.createDirectories(dir.resolve("nginx/conf.d"));
    Files.writeString(dir.resolve("nginx/nginx.conf"), "http { include /etc/nginx/conf.d/*.conf; }");
    Files.writeString(dir.resolve("nginx/conf.d/x.conf"), "server { listen 80; }");
    assertThat(read("nginx/nginx.conf").files()).containsExactly("nginx/nginx.conf", "nginx/conf.d/x.conf");
  }

  @Test
  void includeCycleIsAProblemNotARecursion() throws IOException {
    Files.writeString(dir.resolve("a.conf"), "include b.conf;");
    Files.writeString(dir.resolve("b.conf"), "include a.conf;");
    assertThat(read("a.conf").config().problems()).extracting(NginxProblem::message).anyMatch(m -> m.startsWith("include cycle"));
  }

  @Test
  void missingPlainIncludeIsUnreadAndAnEmptyGlobIsFine() throws IOException {
    Files.writeString(dir.resolve("a.conf"), "include nope.conf;\ninclude none/*.conf;");
    var r = read("a.conf");
    assertThat(r.config().ok()).isTrue();
    assertThat(r.unread()).extracting(NginxProblem::line).containsExactly(1);
  }

  @Test
  void symlinkOutOfTheTreeIsNotFollowed() throws IOException {
    Path outside = Files.createTempFile("outside", ".conf");
    try {
      Files.writeString(outside, "secret_thing on;");
      Files.createSymbolicLink(dir.resolve("link.conf"), outside);
      Files.writeString(dir.resolve("a.conf"), "include link.conf;");
      assertThat(flat(read("a.conf").config().nodes())).isEmpty();
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void dumpIsSplitBackIntoItsFilesWithTheirLines() {
    String dump = """
        nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
        nginx: configuration file /etc/nginx/nginx.conf test is successful
        # configuration file /etc/nginx/nginx.conf:
        http {
            include /etc/nginx/sites-enabled/*;
        }

        # configuration file /etc/nginx/sites-enabled/app:
        server {
            listen 443 ssl;
            location / { proxy_pass http://127.0.0.1:8000; }
        }
        """;
    DumpFiles files = DumpFiles.split(dump, "-");
    assertThat(files.names()).containsExactly("/etc/nginx/nginx.conf", "/etc/nginx/sites-enabled/app");
    var r = NginxReader.read(files, files.names().get(0));
    NginxNode pass = flat(r.config().nodes()).stream().filter(n -> n.name().equals("proxy_pass")).findFirst().orElseThrow();
    assertThat(pass.file()).isEqualTo("/etc/nginx/sites-enabled/app");
    assertThat(pass.line()).isEqualTo(3);
  }

  @Test
  void textWithoutMarkersIsOneFile() {
    assertThat(DumpFiles.split("server { }", "stdin").names()).containsExactly("stdin");
  }
}
