package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.observation.HttpExchange;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The extension itself, used at class level: the case is up for every method and described right. */
@LabCase("fastapi-healthy")
class LabExtensionTest {
  @Test
  void theDeploymentIsTheRunningCaseWithItsCertificate(LabDeployment lab) {
    assertThat(lab.name()).isEqualTo("fastapi-healthy");
    assertThat(lab.stack()).isEqualTo("nginx+fastapi+uvicorn");
    assertThat(lab.login().filled(lab.user(), lab.password())).containsEntry("username", "alice");
    assertThat(Files.isRegularFile(lab.caCert())).isTrue();
    try (HttpCollector http = new HttpCollector(lab.httpOptions())) {
      HttpExchange x = http.send(HttpRequestSpec.get(1, "login page", lab.login().formUrl()));
      assertThat(x.error()).as("TLS verified against the lab's CA, host pinned by --resolve").isNull();
      assertThat(x.status()).isEqualTo(200);
      assertThat(x.tls().certificateNames()).contains("*.lab.test");
    }
  }

  @Test
  void everyInstanceBehindTheProxyAnswers(LabDeployment lab) {
    assertThat(lab.directUrls()).hasSize(2);
    try (HttpCollector http = new HttpCollector(lab.httpOptions())) {
      for (var url : lab.directUrls()) {
        // plain http straight to the instance: FastAPI's HTTPSRedirectMiddleware answers it
        HttpExchange x = http.send(HttpRequestSpec.get(1, "health", url.resolve("/healthz")));
        assertThat(x.status()).as(url.toString()).isEqualTo(307);
        assertThat(x.responseHeader("Location")).contains("https://" + url.getAuthority() + "/healthz");
      }
    }
  }

  @Test
  void restartKeepsTheCaseUp(LabDeployment lab) {
    lab.restart();
    try (HttpCollector http = new HttpCollector(lab.httpOptions())) {
      assertThat(http.send(HttpRequestSpec.get(1, "login page", lab.login().formUrl())).status()).isEqualTo(200);
    }
    assertThat(Lab.dir().resolve("cases/fastapi-healthy/case.json")).isRegularFile();
  }
}
