package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackDetectorTest {
  private static HttpExchange redirect(String body, HeaderField... headers) {
    List<HeaderField> h = new java.util.ArrayList<>(List.of(new HeaderField("Location", "/dashboard")));
    h.addAll(List.of(headers));
    return new HttpExchange(1, "login", "POST", URI.create("https://app.example.com/login"), List.of(), 303, "http/1.1",
        h, body, false, Duration.ZERO, null, null);
  }

  @Test
  void expressIsKnownByItsRedirectBodyWhenXPoweredByIsOff() {
    Stack s = StackDetector.detect(Observations.of(redirect("See Other. Redirecting to /dashboard", new HeaderField("Server", "nginx/1.22.1"))));
    assertThat(s.framework()).isEqualTo("express");
    assertThat(s.proxy()).isEqualTo("nginx");
  }

  @Test
  void anotherRedirectBodyNamesNoFramework() {
    assertThat(StackDetector.detect(Observations.of(redirect("<p>Redirecting…</p>"))).framework()).isNull();
  }
}
