package authdoctor.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LevelsTest {
  private static List<NginxServers.Server> servers(String text) {
    return NginxServers.of(NginxParser.parse("site.conf", text).nodes());
  }

  private static List<String> headers(NginxServers.Route r) {
    return r.levels().effective("proxy_set_header").stream().map(n -> n.arg(0)).toList();
  }

  @Test
  void locationWithoutItsOwnHeadersInheritsTheServers() {
    var s = servers("server { proxy_set_header Host $host; location / { proxy_pass http://a; } }");
    assertThat(headers(s.get(0).routes().get(0))).containsExactly("Host");
  }

  @Test
  void oneHeaderInALocationDropsEveryInheritedOne() {
    var s = servers("""
        server {
          proxy_set_header Host $host;
          proxy_set_header X-Forwarded-Proto $scheme;
          location /login { proxy_set_header X-Request-Id $request_id; proxy_pass http://a; }
        }""");
    var r = s.get(0).routes().get(0);
    assertThat(headers(r)).containsExactly("X-Request-Id");
    assertThat(r.levels().shadowed("proxy_set_header")).extracting(n -> n.arg(0)).containsExactly("Host", "X-Forwarded-Proto");
  }

  @Test
  void httpLevelIsInheritedThroughServerAndLocation() {
    var s = servers("http { add_header A 1; server { location / { proxy_pass http://a; } } }");
    assertThat(s.get(0).routes().get(0).levels().effective("add_header")).extracting(n -> n.arg(0)).containsExactly("A");
  }

  @Test
  void nestedLocationInheritsFromTheEnclosingLocation() {
    var s = servers("server { location /api { proxy_set_header Host $host; location /api/v2 { proxy_pass http://b; } } }");
    assertThat(headers(s.get(0).routes().get(0))).containsExactly("Host");
    assertThat(s.get(0).routes().get(0).path()).isEqualTo("/api/v2");
  }

  @Test
  void directivesInsideAnIfDoNotApplyToTheLocation() {
    var s = servers("server { location / { if ($x) { proxy_set_header A 1; } proxy_pass http://a; } }");
    assertThat(headers(s.get(0).routes().get(0))).isEmpty();
  }

  @Test
  void upstreamServersAreNotVirtualServers() {
    assertThat(servers("upstream u { server 127.0.0.1:1; } server { listen 443 ssl; }")).hasSize(1);
  }

  @Test
  void listensGivePortAndTls() {
    var s = servers("server { listen [::]:443 ssl http2; listen 127.0.0.1:8080; listen 80 default_server; }").get(0);
    assertThat(s.listens()).extracting(Listen::port, Listen::tls)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(443, true), org.assertj.core.groups.Tuple.tuple(8080, false),
            org.assertj.core.groups.Tuple.tuple(80, false));
  }

  @Test
  void serverWithoutListenListensOn80() {
    assertThat(servers("server { server_name a; }").get(0).listens()).containsExactly(Listen.DEFAULT);
  }

  @Test
  void sslOnMakesEveryListenTls() {
    assertThat(servers("server { listen 443; ssl on; }").get(0).tls()).isTrue();
  }
}
