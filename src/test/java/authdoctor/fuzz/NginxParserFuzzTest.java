package authdoctor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.nginx.DumpFiles;
import authdoctor.collect.nginx.NginxReader;
import authdoctor.nginx.NginxNode;
import authdoctor.nginx.NginxParser;
import authdoctor.nginx.NginxServers;
import authdoctor.nginx.ParsedConfig;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Jazzer target for the nginx parser, the dump splitter and the server model: untrusted configuration
 * never makes them throw, every node has a position inside the text, and parsing is deterministic. In a
 * normal test run only the seeds under {@code src/test/resources/authdoctor/fuzz/NginxParserFuzzTestInputs/}
 * run; fuzz with {@code JAZZER_FUZZ=1 mvn test -Dtest=NginxParserFuzzTest}.
 */
class NginxParserFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parserNeverThrowsAndPositionsAreInTheText(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    ParsedConfig p = NginxParser.parse("f.conf", text);
    assertThat(NginxParser.parse("f.conf", text)).isEqualTo(p);
    int lines = text.split("\n", -1).length;
    check(p.nodes(), lines);
    assertThat(p.problems()).hasSizeLessThanOrEqualTo(NginxParser.MAX_PROBLEMS + 1);
    for (NginxServers.Server s : NginxServers.of(p.nodes())) {
      for (NginxServers.Route r : s.routes()) r.levels().effective("proxy_set_header");
    }
    DumpFiles files = DumpFiles.split(text, "-");
    NginxReader.read(files, files.names().get(0));
  }

  private static void check(List<NginxNode> nodes, int lines) {
    for (NginxNode n : nodes) {
      assertThat(n.line()).isBetween(1, lines);
      check(n.block(), lines);
    }
  }
}
