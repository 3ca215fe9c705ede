package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The flow file: keys from picocli's model of probe, environments, overrides, refusals with file:line. */
class FlowFileTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Io io() {
    return new Io(InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        Map.of(), false);
  }

  /** The probe command's parse of {@code args}. */
  private static ParseResult parse(String... args) {
    return Main.commandLine(io()).parseArgs(args).subcommand();
  }

  private static ParseResult expandAndParse(String... args) {
    return parse(FlowFile.expand(args, Main.commandLine(io())));
  }

  private static Object value(ParseResult r, OptionSpec o) {
    return r.commandSpec().findOption(o.longestName()).getValue();
  }

  /** A value each option accepts, from its type (so an option added later gets one too). */
  private static List<String> sample(String key, OptionSpec o) {
    Class<?> t = o.isMultiValue() ? o.auxiliaryTypes()[0] : o.type();
    if (key.equals("header")) return List.of("X-Env: staging", "X-Trace: 1");
    if (t == int.class || t == Integer.class) return List.of("7");
    if (t.getSimpleName().equals("Format")) return List.of("junit");
    if (t.getSimpleName().equals("Severity")) return List.of("warn");
    if (o.isMultiValue()) return List.of(key + "-one", key + "-two \"quoted\" # not a comment");
    return List.of(key + ": value with spaces");
  }

  @Test
  void everyProbeOptionRoundTripsThroughSaveFlowAndFlow() throws Exception {
    CommandSpec probe = Main.commandLine(io()).getSubcommands().get("probe").getCommandSpec();
    Map<String, OptionSpec> keys = FlowFile.keyed(probe);
    assertThat(keys).containsKeys("login_json", "password_env", "protected", "header", "resolve", "insecure",
        "fail_on", "format", "instance", "frontend_origin", "oidc_issuer", "baseline", "save_baseline");
    assertThat(keys).doesNotContainKeys("flow", "save_flow", "password", "help", "version");
    List<String> typed = new ArrayList<>(List.of("probe", "https://app.example.com"));
    for (Map.Entry<String, OptionSpec> k : keys.entrySet()) {
      OptionSpec o = k.getValue();
      if (o.arity().max() == 0) {
        typed.add(o.longestName());
        continue;
      }
      for (String v : sample(k.getKey(), o)) typed.add(o.longestName() + "=" + v);
    }
    Path flow = dir.resolve("authdoctor.yml");
    List<String> saving = new ArrayList<>(typed);
    saving.add("--save-flow=" + flow);
    Run saved = run(saving.toArray(String[]::new));
    assertThat(saved.code()).as(saved.err()).isZero();
    String text = Files.readString(flow);
    for (String key : keys.keySet()) assertThat(text).as("key %s", key).containsPattern("(?m)^" + key + ": ");

    ParseResult direct = parse(typed.toArray(String[]::new));
    ParseResult viaFile = expandAndParse("probe", "--flow", flow.toString());
    assertThat((Object) viaFile.matchedPositionals().get(0).getValue()).isEqualTo("https://app.example.com");
    for (OptionSpec o : keys.values()) {
      assertThat(Objects.toString(value(viaFile, o))).as(o.longestName()).isEqualTo(Objects.toString(value(direct, o)));
      assertThat(viaFile.hasMatchedOption(o.longestName())).as(o.longestName()).isTrue();
    }
  }

  @Test
  void anEnvironmentOverridesTheSharedDefaultsAndTypedFlagsOverrideBoth() throws Exception {
    Path flow = write("""
        login: /login
        user: ci@example.com
        password_env: APP_PASSWORD
        protected: [/dashboard]
        environments:
          staging:
            url: https://staging.example.com
          production:
            url: https://app.example.com
            protected: [/account, /billing]
            resolve: app.example.com:443:127.0.0.1
        """);
    ParseResult r = expandAndParse("probe", "--flow", flow.toString(), "production", "--login", "/signin");
    assertThat((Object) r.matchedPositionals().get(0).getValue()).isEqualTo("https://app.example.com");
    assertThat((Object) r.matchedOptionValue("--login", "")).isEqualTo("/signin");
    assertThat((Object) r.matchedOptionValue("--user", "")).isEqualTo("ci@example.com");
    assertThat((Object) r.matchedOptionValue("--protected", List.of())).isEqualTo(List.of("/account", "/billing"));
    assertThat((Object) r.matchedOptionValue("--resolve", List.of())).isEqualTo(List.of("app.example.com:443:127.0.0.1"));
    ParseResult staging = expandAndParse("probe", "--flow", flow.toString(), "staging", "--protected", "/x");
    assertThat((Object) staging.matchedPositionals().get(0).getValue()).isEqualTo("https://staging.example.com");
    assertThat((Object) staging.matchedOptionValue("--protected", List.of())).isEqualTo(List.of("/x"));
  }

  @Test
  void diffTakesTwoEnvironmentsTheirAddressesAndBsAccount() throws Exception {
    Path flow = write("""
        login: /login
        user: ci@example.com
        password_env: APP_PASSWORD
        environments:
          local:
            url: http://localhost:5000
          production:
            url: https://app.example.com
            resolve: app.example.com:443:127.0.0.1
            password_env: PROD_PASSWORD
        """);
    ParseResult r = expandAndParse("diff", "--flow", flow.toString(), "local", "production");
    assertThat(r.matchedPositionals()).extracting(p -> (Object) p.getValue())
        .containsExactly("http://localhost:5000", "https://app.example.com");
    assertThat((Object) r.matchedOptionValue("--resolve-b", List.of())).isEqualTo(List.of("app.example.com:443:127.0.0.1"));
    assertThat(r.hasMatchedOption("--resolve")).isFalse();
    assertThat((Object) r.matchedOptionValue("--password-env", "")).isEqualTo("APP_PASSWORD");
    assertThat((Object) r.matchedOptionValue("--password-env-b", "")).isEqualTo("PROD_PASSWORD");
  }

  @Test
  void unknownKeysAndBadValuesAreExitTwoNamingTheKeyAndItsLine() throws Exception {
    assertRefused("login: /login\nprotcted: /dashboard\nurl: https://a.example\n", "authdoctor.yml:2: unknown key 'protcted'");
    assertRefused("url: https://a.example\nrefresh: many\n", "authdoctor.yml:2: refresh: ");
    assertRefused("url: https://a.example\ninsecure: please\n", "authdoctor.yml:2: insecure: use true or false");
    assertRefused("url: https://a.example\nformat: pdf\n", "authdoctor.yml:2: format: ");
    assertRefused("url: https://a.example\nenvironments:\n  prod:\n    logn: /x\n", "authdoctor.yml:4: unknown key 'logn'");
    assertRefused("url: https://a.example\nlogin: [/a, /b]\n", "authdoctor.yml:2: login: expected one value");
    assertRefused("url: [https://a.example\n", "authdoctor.yml:");
    assertRefused("url: https://a.example\nlogin: /a\nlogin: /b\n", "authdoctor.yml:3: key 'login' again (first on line 2)");
  }

  @Test
  void aLiteralSecretIsRefusedWithoutEchoingIt() throws Exception {
    assertRefused("url: https://a.example\nuser: u\npassword: hunter2-canary\n",
        "authdoctor.yml:3: password: a secret is never written in the flow file; use password_env");
    assertRefused("url: https://a.example\nheader: ['Authorization: Bearer hunter2-canary']\n",
        "authdoctor.yml:2: header: a authorization header is a secret");
    assertRefused("url: https://a.example\nform_field: [client_secret=hunter2-canary]\n",
        "authdoctor.yml:2: form_field client_secret: looks like a secret");
  }

  @Test
  void saveFlowLeavesCredentialHeadersOut() throws Exception {
    Path flow = dir.resolve("authdoctor.yml");
    Run r = run("probe", "https://app.example.com", "-H", "Authorization: Bearer hunter2-canary", "-H", "X-Env: ci",
        "--password-env", "APP_PASSWORD", "--user", "u", "--save-flow", flow.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.readString(flow)).doesNotContain("hunter2-canary").contains("X-Env: ci", "password_env: \"APP_PASSWORD\"");
    assertThat(r.err()).contains("authorization header is a secret and is not written").doesNotContain("hunter2-canary");
  }

  @Test
  void probeWithoutUrlOrFlowIsAUsageError() {
    Run r = run("probe");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("give the deployment's URL, or --flow FILE");
  }

  private void assertRefused(String yaml, String message) throws Exception {
    Path flow = write(yaml);
    Run r = run("probe", "--flow", flow.toString(), "--max-time", "1");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElse("")).startsWith("authdoctor: " + dir.resolve(message.substring(0, message.indexOf(':'))))
        .contains(message.substring(message.indexOf(':')));
    assertThat(r.err()).doesNotContain("hunter2-canary").doesNotContain("Exception");
  }

  private Path write(String yaml) throws Exception {
    Path flow = dir.resolve("authdoctor.yml");
    Files.writeString(flow, yaml);
    return flow;
  }
}
