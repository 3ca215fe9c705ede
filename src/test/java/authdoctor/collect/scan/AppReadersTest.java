package authdoctor.collect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Location;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.Collected;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application readers through the scan's own collector: Spring Boot's profile chosen by the deployment
 * files (or assumed, and said), placeholders as environment lookups, and PM2's instances as replicas.
 */
class AppReadersTest {
  @TempDir Path dir;

  private Collected scan(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return new ScanCollector().collect(new ScanCollector.Request(List.of(dir), dir, null, null, 1 << 20));
  }

  private static AppSetting one(Collected c, Concept concept) {
    List<AppSetting> found = c.observations().stream().filter(o -> o instanceof AppSetting s && s.concept() == concept)
        .map(AppSetting.class::cast).toList();
    assertThat(found).as(concept.name()).hasSize(1);
    return found.get(0);
  }

  private static String at(AppSetting s) {
    Location.FileLine l = (Location.FileLine) s.location();
    return l.file() + ":" + l.line();
  }

  private static final String BASE = """
      server.servlet.session.cookie.domain=example.com
      server.forward-headers-strategy=${FORWARD_STRATEGY:none}
      """;
  private static final String PROD_YAML = """
      server:
        servlet:
          session:
            cookie:
              domain: app.example.com
      """;

  @Test
  void theProfileTheDeploymentActivatesOverridesTheDefaultFile() throws IOException {
    Collected c = scan(Map.of(
        "src/main/resources/application.properties", BASE,
        "src/main/resources/application-production.yml", PROD_YAML,
        "src/main/resources/application-dev.yml", PROD_YAML.replace("app.example.com", "localhost"),
        "compose.yaml", "services:\n  web:\n    image: web\n    environment:\n      SPRING_PROFILES_ACTIVE: dev\n"));
    AppSetting domain = one(c, Concept.SESSION_COOKIE_DOMAIN);
    assertThat(domain.literal()).isEqualTo("localhost");
    assertThat(at(domain)).isEqualTo("src/main/resources/application-dev.yml:5");
    assertThat(domain.assumption()).isNull();
    assertThat(one(c, Concept.TRUST_FORWARDED_PROTO).value()).isEqualTo(new Value.FromEnv("FORWARD_STRATEGY", "none"));
  }

  @Test
  void withoutADeployedProfileTheProdProfileIsAssumedAndSaid() throws IOException {
    Collected c = scan(Map.of(
        "src/main/resources/application.properties", BASE,
        "src/main/resources/application-production.yml", PROD_YAML));
    AppSetting domain = one(c, Concept.SESSION_COOKIE_DOMAIN);
    assertThat(domain.literal()).isEqualTo("app.example.com");
    assertThat(domain.assumption()).contains("profile production assumed");
  }

  @Test
  void yamlDocumentsActivatedOnAProfileAndTheCommandLineProfile() throws IOException {
    Collected c = scan(Map.of(
        "src/main/resources/application.yml", """
            server:
              servlet:
                context-path: /
            ---
            spring:
              config:
                activate:
                  on-profile: cloud
            server:
              servlet:
                context-path: /shop
            """,
        "Procfile", "web: java -jar app.jar --spring.profiles.active=cloud\n"));
    AppSetting prefix = one(c, Concept.PATH_PREFIX);
    assertThat(prefix.literal()).isEqualTo("/shop");
    assertThat(at(prefix)).isEqualTo("src/main/resources/application.yml:11");
  }

  @Test
  void pm2InstancesAreReplicasAndEnvProductionIsTheEnvironment() throws IOException {
    Collected c = scan(Map.of("ecosystem.config.js", """
        module.exports = {
          apps: [{
            name: 'api',
            script: './server.js',
            instances: 'max',
            exec_mode: 'cluster',
            env: { NODE_ENV: 'development', PORT: 3000 },
            env_production: {
              NODE_ENV: 'production',
            },
          }],
        };
        """));
    DeployProcess p = c.observations().stream().filter(DeployProcess.class::isInstance).map(DeployProcess.class::cast).findFirst().orElseThrow();
    assertThat(p.replicas()).isEqualTo(2);
    assertThat(p.name()).isEqualTo("pm2/api");
    assertThat(((Location.FileLine) p.location()).line()).isEqualTo(5);
    List<DeploySetting> env = c.observations().stream().filter(DeploySetting.class::isInstance).map(DeploySetting.class::cast).toList();
    assertThat(env).extracting(s -> s.key() + "=" + s.value() + "@" + ((Location.FileLine) s.location()).line())
        .containsExactly("NODE_ENV=production@9", "PORT=3000@7");
  }

  @Test
  void anExpressMemoryStoreBehindPm2ClusterIsTheFactsTheStoreCheckNeeds() throws IOException {
    Collected c = scan(Map.of(
        "ecosystem.json", "{\"apps\": [{\"name\": \"web\", \"script\": \"app.js\", \"instances\": 4, \"exec_mode\": \"cluster\"}]}",
        "app.js", "const session = require('express-session');\napp.use(session({ secret: process.env.S }));\n"));
    assertThat(one(c, Concept.SESSION_STORE).literal()).isEqualTo("memory");
    assertThat(c.observations()).filteredOn(DeployProcess.class::isInstance).singleElement()
        .satisfies(p -> assertThat(((DeployProcess) p).replicas()).isEqualTo(4));
  }

  @Test
  void springSecurityConfigurationIsReadFromJavaSource() throws IOException {
    Collected c = scan(Map.of("src/main/java/app/Security.java", """
        @Configuration
        class Security {
          @Bean SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.csrf(AbstractHttpConfigurer::disable)
                .build();
          }
        }
        """));
    AppSetting csrf = one(c, Concept.CSRF_ENABLED);
    assertThat(csrf.isFalse()).isTrue();
    assertThat(at(csrf)).isEqualTo("src/main/java/app/Security.java:4");
  }
}
