package lab.api;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lab's JVM bearer API: Spring Security's OAuth2 resource server validates the provider's access
 * tokens (signature from the JWKS, iss, aud, exp/nbf with 60 s skew); a refused token answers 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token", error_description="…"}.
 */
@SpringBootApplication
@RestController
public class LabApi {
  public static void main(String[] args) {
    SpringApplication.run(LabApi.class, args);
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(a -> a.requestMatchers("/healthz", "/error").permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(o -> o.jwt(j -> {}))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .build();
  }

  @GetMapping("/api/me")
  Map<String, Object> me(@AuthenticationPrincipal Jwt jwt) {
    return Map.of("user", jwt.getSubject(), "scope", String.valueOf(jwt.getClaims().get("scope")));
  }

  @GetMapping("/healthz")
  String health() {
    return "ok";
  }
}
