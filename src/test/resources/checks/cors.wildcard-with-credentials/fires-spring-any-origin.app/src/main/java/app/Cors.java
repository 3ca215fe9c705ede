package app;

class Cors {
  CorsConfigurationSource cors() {
    CorsConfiguration c = new CorsConfiguration();
    // expect: cors.wildcard-with-credentials
    c.setAllowedOrigins(List.of("*"));
    // expect: cors.wildcard-with-credentials
    c.setAllowCredentials(true);
    return source(c);
  }
}
