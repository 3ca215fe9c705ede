package app;

class Cors {
  CorsConfigurationSource cors() {
    CorsConfiguration c = new CorsConfiguration();
    c.setAllowedOrigins(List.of("https://front.example.com"));
    c.setAllowCredentials(true);
    return source(c);
  }
}
