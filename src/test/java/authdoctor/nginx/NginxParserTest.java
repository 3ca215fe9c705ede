package authdoctor.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NginxParserTest {
  private static ParsedConfig parse(String text) {
    return NginxParser.parse("site.conf", text);
  }

  @Test
  void directivesKeepTheirLineAndColumn() {
    ParsedConfig p = parse("user nginx;\n\n  worker_processes 2;\n");
    assertThat(p.ok()).isTrue();
    assertThat(p.nodes()).extracting(NginxNode::name, NginxNode::line, NginxNode::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("user", 1, 1), org.assertj.core.groups.Tuple.tuple("worker_processes", 3, 3));
  }

  @Test
  void blocksNest() {
    ParsedConfig p = parse("http { server { location /a { location /a/b { proxy_pass http://x; } } } }");
    NginxNode inner = p.nodes().get(0).block().get(0).block().get(0).block().get(0);
    assertThat(inner.args()).containsExactly("/a/b");
    assertThat(inner.block().get(0).args()).containsExactly("http://x");
  }

  @Test
  void quotedStringsLoseTheirQuotesAndKeepSpaces() {
    NginxNode n = parse("add_header X-Msg \"hello world\" 'a b';").nodes().get(0);
    assertThat(n.args()).containsExactly("X-Msg", "hello world", "a b");
  }

  @Test
  void emptyQuotedStringIsAnArgument() {
    assertThat(parse("proxy_set_header Authorization \"\";").nodes().get(0).args()).containsExactly("Authorization", "");
  }

  @Test
  void escapesInsideQuotesAreResolved() {
    assertThat(parse("return 200 \"a\\\"b\\\\c\";").nodes().get(0).args()).containsExactly("200", "a\"b\\c");
  }

  @Test
  void regexEscapesOutsideQuotesStayAsWritten() {
    assertThat(parse("location ~ \\.php$ { }").nodes().get(0).args()).containsExactly("~", "\\.php$");
  }

  @Test
  void commentsRunToTheEndOfTheLine() {
    ParsedConfig p = parse("# a comment { ;\nlisten 80; # trailing\n");
    assertThat(p.ok()).isTrue();
    assertThat(p.nodes()).extracting(NginxNode::name).containsExactly("listen");
  }

  @Test
  void hashInsideAWordIsNotAComment() {
    assertThat(parse("set $a foo#bar;").nodes().get(0).args()).containsExactly("$a", "foo#bar");
  }

  @Test
  void bracedVariableIsPartOfTheWord() {
    NginxNode n = parse("proxy_set_header X-Proto ${scheme}s;").nodes().get(0);
    assertThat(n.hasBlock()).isFalse();
    assertThat(n.args()).containsExactly("X-Proto", "${scheme}s");
  }

  @Test
  void quotedStringSpansLines() {
    ParsedConfig p = parse("add_header A \"x\ny\";\nlisten 80;");
    assertThat(p.nodes().get(1).line()).isEqualTo(3);
  }

  @Test
  void mapIfAndUpstreamParseAsBlocks() {
    ParsedConfig p = parse("""
        map $http_upgrade $connection_upgrade { default upgrade; '' close; }
        upstream app { server 127.0.0.1:8000; }
        server { if ($scheme = http) { return 301 https://$host$request_uri; } }
        """);
    assertThat(p.ok()).isTrue();
    assertThat(p.nodes().get(0).block()).extracting(NginxNode::name).containsExactly("default", "");
    assertThat(p.nodes().get(2).block().get(0).args()).containsExactly("($scheme", "=", "http)");
  }

  @Test
  void missingCloseBraceIsAProblemAtTheEnd() {
    ParsedConfig p = parse("server {\n listen 80;\n");
    assertThat(p.problems()).extracting(NginxProblem::message).containsExactly("unexpected end of file, expecting \"}\"");
    assertThat(p.nodes().get(0).block()).hasSize(1);
  }

  @Test
  void strayCloseBraceIsAProblemWithItsLine() {
    ParsedConfig p = parse("listen 80;\n}\nlisten 81;");
    assertThat(p.problems()).extracting(NginxProblem::line).containsExactly(2);
    assertThat(p.nodes()).hasSize(2);
  }

  @Test
  void missingSemicolonIsAProblem() {
    ParsedConfig p = parse("server { listen 80 }");
    assertThat(p.problems()).extracting(NginxProblem::message).containsExactly("unexpected \"}\", expecting \";\"");
  }

  @Test
  void unterminatedQuoteIsAProblem() {
    assertThat(parse("add_header A \"oops;\n").problems()).extracting(NginxProblem::message).contains("unterminated quoted string");
  }

  @Test
  void deepNestingIsRefusedNotOverflowed() {
    ParsedConfig p = parse("a {".repeat(10_000) + "}".repeat(10_000));
    assertThat(p.problems()).isNotEmpty();
  }

  @Test
  void problemsAreBounded() {
    ParsedConfig p = parse("}\n".repeat(500));
    assertThat(p.problems()).hasSize(NginxParser.MAX_PROBLEMS + 1);
  }

  @Test
  void emptyTextIsEmpty() {
    assertThat(parse("")).isEqualTo(new ParsedConfig(List.of(), List.of()));
  }
}
