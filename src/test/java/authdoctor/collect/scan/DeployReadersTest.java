package authdoctor.collect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.Location;
import authdoctor.observation.AppServer;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment readers: each fact at its line, shell words as a shell splits them, app server trust. */
class DeployReadersTest {
  private static <T extends Observation> List<T> of(DeployFacts f, Class<T> type) {
    return f.observations.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static int line(Observation o) {
    return ((Location.FileLine) o.location()).line();
  }

  @Test
  void shellWordsKeepQuotesAndSubstitutionsTogetherAndSplitShellScripts() {
    assertThat(ShellWords.split("sh -c 'export SECRET_KEY=$(openssl rand -hex 32) && exec gunicorn -b \"0.0.0.0:8000\" app:app'"))
        .containsSubsequence("sh", "-c", "export", "SECRET_KEY=$(openssl rand -hex 32)", "&&", "exec", "gunicorn", "-b", "0.0.0.0:8000", "app:app");
    assertThat(ShellWords.words("A=\"$(python -c 'print(1)')\" b\\ c")).containsExactly("A=$(python -c 'print(1)')", "b c");
    assertThat(ShellWords.words("echo 'unclosed")).containsExactly("echo", "unclosed");
  }

  @Test
  void composeListEnvironmentReplicasAndLongPortsAreReadAtTheirLines() throws Yaml.Invalid {
    String text = """
        services:
          web:
            image: app:1
            deploy:
              replicas: 3
            ports:
              - {target: 8000, published: 8080, host_ip: 127.0.0.1}
            environment:
              - SECRET_KEY=abc
              - DEBUG
            command: ["gunicorn", "--forwarded-allow-ips", "*", "app:app"]
        """;
    DeployFacts f = ComposeReader.read("compose.yaml", Yaml.documents(text).get(0), Linked.NONE);
    DeployProcess p = of(f, DeployProcess.class).get(0);
    assertThat(p.replicas()).isEqualTo(3);
    assertThat(p.published()).containsExactly("127.0.0.1:8080:8000");
    assertThat(p.program()).isEqualTo("image app:1");
    assertThat(line(p)).isEqualTo(11);
    List<DeploySetting> env = of(f, DeploySetting.class);
    assertThat(env).extracting(DeploySetting::key).containsExactly("SECRET_KEY", "DEBUG");
    assertThat(line(env.get(0))).isEqualTo(9);
    assertThat(env.get(0).instance()).isEqualTo("web");
    AppServer a = of(f, AppServer.class).get(0);
    assertThat(a.trustsAnyone()).isTrue();
    assertThat(a.trustedAt()).isEqualTo(p.location());
  }

  @Test
  void kubernetesDocumentsSecretsAndReferencesAreRead() throws Yaml.Invalid {
    String text = """
        apiVersion: v1
        kind: Secret
        metadata: {name: app}
        data:
          key: c2VjcmV0LXZhbHVl
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
                  image: app:2
                  env:
                    - name: SECRET_KEY
                      valueFrom:
                        secretKeyRef: {name: app, key: key}
        """;
    DeployFacts f = KubernetesReader.read("k8s.yaml", Yaml.documents(text));
    List<DeploySetting> s = of(f, DeploySetting.class);
    assertThat(s.get(0).value()).isEqualTo("secret-value");
    assertThat(s.get(0).secret()).isTrue();
    assertThat(s.get(1).value()).isEqualTo("valueFrom secretKeyRef app/key");
    assertThat(s.get(1).literal()).isFalse();
    assertThat(line(s.get(1))).isEqualTo(18);
    DeployProcess p = of(f, DeployProcess.class).get(0);
    assertThat(p.name()).isEqualTo("app/web");
    assertThat(p.replicas()).isEqualTo(2);
  }

  @Test
  void invalidYamlSaysWhere() {
    assertThatThrownBy(() -> Yaml.documents("services:\n  web:\n    image: [x\n")).isInstanceOf(Yaml.Invalid.class)
        .hasMessageStartingWith("not valid YAML");
  }

  @Test
  void dockerfileExecFormLegacyEnvAndContinuations() {
    DeployFacts f = DockerfileReader.read("Dockerfile", """
        FROM python:3.13
        ENV SECRET_KEY change me
        ENV A=1 \\
            B="two words"
        CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--no-proxy-headers"]
        """);
    assertThat(of(f, DeploySetting.class)).extracting(DeploySetting::key, DeploySetting::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SECRET_KEY", "change me"), org.assertj.core.groups.Tuple.tuple("A", "1"),
            org.assertj.core.groups.Tuple.tuple("B", "two words"));
    AppServer a = of(f, AppServer.class).get(0);
    assertThat(a.bind()).isEqualTo("0.0.0.0:8000");
    assertThat(a.proxyHeaders()).isFalse();
    assertThat(line(a)).isEqualTo(5);
  }

  @Test
  void systemdEnvironmentQuotesAndExecStartPrefixes() {
    DeployFacts f = UnitReader.read("app.service", """
        [Unit]
        Environment=IGNORED=1
        [Service]
        Environment="FORWARDED_ALLOW_IPS=10.0.0.2" DEBUG=0
        ExecStart=-/usr/bin/gunicorn --bind=0.0.0.0:8001 app:app
        """, Linked.NONE);
    assertThat(of(f, DeploySetting.class)).extracting(DeploySetting::key).containsExactly("FORWARDED_ALLOW_IPS", "DEBUG");
    AppServer a = of(f, AppServer.class).get(0);
    assertThat(a.trusted()).isEqualTo("10.0.0.2");
    assertThat(line(a)).isEqualTo(5);
    assertThat(((Location.FileLine) a.trustedAt()).line()).isEqualTo(4);
    assertThat(a.listensEverywhere()).isTrue();
    assertThat(a.trustsOnlyItsHost()).isFalse();
  }

  @Test
  void gunicornConfAssignmentsAndGeneratedRawEnv() {
    DeployFacts f = GunicornConfReader.read("gunicorn.conf.py", """
        import secrets
        bind = ["127.0.0.1:8000"]
        raw_env = ["APP_ENV=prod", "SECRET_KEY=" + secrets.token_hex(32)]
        """);
    List<DeploySetting> s = of(f, DeploySetting.class);
    DeploySetting secret = s.stream().filter(x -> x.key().equals("SECRET_KEY")).findFirst().orElseThrow();
    assertThat(secret.generated()).isTrue();
    assertThat(secret.generator()).isEqualTo("secrets.token_hex");
    assertThat(s.stream().filter(x -> x.key().equals("APP_ENV")).findFirst().orElseThrow().generated()).isFalse();
    AppServer a = of(f, AppServer.class).get(0);
    assertThat(a.bind()).isEqualTo("127.0.0.1:8000");
    assertThat(a.trustsOnlyItsHost()).isTrue();
  }

  @Test
  void aReferenceOrAPlainValueIsNotGenerated() {
    DeploySetting ref = new DeploySetting(DeploySetting.Format.COMMAND, "s.sh", "SECRET_KEY", "${SECRET_KEY:-dev}", new Location.FileLine("s.sh", 1));
    DeploySetting random = new DeploySetting(DeploySetting.Format.COMMAND, "s.sh", "SECRET_KEY", "${SECRET_KEY:-$(openssl rand -hex 32)}", new Location.FileLine("s.sh", 1));
    assertThat(ref.generated()).isFalse();
    assertThat(random.generated()).isTrue();
    assertThat(random.generator()).isEqualTo("openssl rand");
  }
}
