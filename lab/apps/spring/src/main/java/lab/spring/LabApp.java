package lab.spring;

import java.security.Principal;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lab's Spring Boot app: form login (Spring Security's own login page, with CSRF token),
 * sessions in Redis (Spring Session), HTTP Basic on /api/**, logout at POST /logout.
 */
@SpringBootApplication
@RestController
public class LabApp {
  public static void main(String[] args) {
    SpringApplication.run(LabApp.class, args);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService users(
      @Value("${lab.user:alice}") String user, @Value("${lab.password}") String password,
      PasswordEncoder encoder) {
    return new InMemoryUserDetailsManager(
        User.withUsername(user).password(encoder.encode(password)).roles("USER").build());
  }

  /** /api/** answers 401 and takes HTTP Basic; everything else is a form-login site. */
  @Bean
  @org.springframework.core.annotation.Order(1)
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return http.securityMatcher("/api/**")
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .httpBasic(b -> b.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .csrf(c -> c.disable())
        .build();
  }

  @Bean
  @org.springframework.core.annotation.Order(2)
  SecurityFilterChain site(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(a -> a.requestMatchers("/login", "/healthz", "/error").permitAll()
            .anyRequest().authenticated())
        .formLogin(f -> f.defaultSuccessUrl("/dashboard", true))
        .logout(Customizer.withDefaults())
        .build();
  }

  @GetMapping(value = "/dashboard", produces = "text/html")
  String dashboard(Principal principal, CsrfToken csrf) {
    return "<!doctype html><title>Dashboard</title><h1>Dashboard</h1><p>Signed in as "
        + HtmlUtils.htmlEscape(principal.getName()) + "</p><form method=post action=/logout>"
        + "<input type=hidden name=\"" + csrf.getParameterName() + "\" value=\""
        + csrf.getToken() + "\"><button>Log out</button></form>";
  }

  @GetMapping("/api/me")
  Map<String, String> me(Principal principal) {
    return Map.of("user", principal.getName());
  }

  @GetMapping("/healthz")
  String health() {
    return "ok";
  }
}
