package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.JwtCommandTest.Run;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code authdoctor jwt} on a token of the lab's real OIDC provider (mock-oauth2-server behind nginx TLS):
 * the issuer's discovery document and JWKS over https with the lab CA; the token comes on stdin.
 */
@LabCase("flask-jwt-healthy")
class JwtCommandLabTest {
  static Run jwt(LabDeployment lab, String token, String... extra) {
    List<String> args = new ArrayList<>(List.of("jwt", "-", "--oidc-issuer", lab.extra("oidc_issuer").orElseThrow(),
        "--cacert", lab.caCert().toString(), "--format", "json"));
    for (String r : lab.resolve()) args.addAll(List.of("--resolve", r));
    args.addAll(List.of(extra));
    return JwtCommandTest.run(token, Map.of(), args.toArray(String[]::new));
  }

  static String token(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().status()).isEqualTo(200);
      return b.token().orElseThrow();
    }
  }

  static List<String> ids(Run r) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode f : r.json().get("findings")) out.add(f.get("id").asText() + ":" + f.get("severity").asText());
    return out;
  }

  @Test
  void providersTokenPassesAgainstItsOwnDiscovery(LabDeployment lab) throws Exception {
    String token = token(lab);
    Run r = jwt(lab, token, "--audience", "lab-api");
    assertThat(ids(r)).as(r.all()).noneMatch(id -> id.endsWith(":error"));
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.all()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
  }

  @Test
  void wrongAudienceIsNamed(LabDeployment lab) throws Exception {
    String token = token(lab);
    Run r = jwt(lab, token, "--audience", "api://other");
    assertThat(ids(r)).as(r.all()).contains("jwt.audience-mismatch:error");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.all()).doesNotContain(token);
  }
}
