package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.Io;
import authdoctor.cli.Main;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Canary: the probe on a bearer API and on an OAuth login, in every output format, prints no token
 * (nor its signature), no client secret and no password — the lab's password is the canary, and it is
 * also the client secret of the token cases.
 */
class ProbeSecretsLabTest {
  /** Three base64url parts starting like a JSON header: a whole JWT. */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");
  /** A long base64url run: an RS256 signature is 342 characters. */
  private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{200,}");

  static void noSecretInAnyFormat(LabDeployment lab) throws java.io.IOException {
    // Every format the CLI has (a new one is covered as soon as it is registered).
    for (String format : java.util.Arrays.stream(authdoctor.report.Format.values()).map(Object::toString).toList()) {
      List<String> args = new java.util.ArrayList<>(ProbeLabTest.args(lab));
      args.set(args.indexOf("--format") + 1, format);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(out),
          new PrintWriter(err), Map.of("LAB_PASSWORD", lab.password()), false));
      String all = out + "\n" + err;
      assertThat(code).as(format + ": " + err).isIn(0, 1);
      assertThat(out.toString()).as(format + " output").isNotBlank();
      assertThat(all).as(format + ": the password / client secret").doesNotContain(lab.password());
      assertThat(JWT.matcher(all).find()).as(format + ": a whole token").isFalse();
      assertThat(SIGNATURE.matcher(all).find()).as(format + ": a signature-sized run").isFalse();
    }
  }

  @Test
  @LabCase("flask-jwt-audience-mismatch")
  void bearerApiRefusal(LabDeployment lab) throws java.io.IOException {
    noSecretInAnyFormat(lab);
  }

  /**
   * Starlette deletes its session cookie as {@code session=null}: a value that must not become a "secret"
   * that the report's own JSON {@code null}s are mistaken for. The JSON parses, its nulls stay nulls.
   */
  @Test
  @LabCase("fastapi-starlette-logout-not-invalidated")
  void starletteLogoutKeepsTheReportValid(LabDeployment lab) throws java.io.IOException {
    noSecretInAnyFormat(lab);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(ProbeLabTest.args(lab).toArray(String[]::new), new Io(InputStream.nullInputStream(),
        new PrintWriter(out), new PrintWriter(err), Map.of("LAB_PASSWORD", lab.password()), false));
    assertThat(code).as(err.toString()).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    List<com.fasterxml.jackson.databind.JsonNode> logout = new java.util.ArrayList<>();
    root.get("steps").forEach(st -> {
      if (st.path("label").asText().equals("logout")) logout.add(st);
    });
    assertThat(logout).as("the logout step").hasSize(1);
    assertThat(logout.get(0).get("error").isNull()).as("an answered step's error stays JSON null").isTrue();
    assertThat(logout.get(0).toString()).as("Starlette's deleting Set-Cookie").contains("session=");
  }

  @Test
  @LabCase("flask-oauth-healthy")
  void oauthLogin(LabDeployment lab) throws java.io.IOException {
    noSecretInAnyFormat(lab);
  }
}
