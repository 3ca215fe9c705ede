package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authdoctor scan} of a Python project end to end through {@link Main#run}: the app's settings
 * in effect meet nginx and the deployment; a healthy project has no error, a value the reader cannot
 * evaluate is a note (problems, stderr) that does not change the exit code, and a secret written in the
 * settings never appears.
 */
class ScanPythonAppsTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, "", new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private void write(String rel, String text) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static final String NGINX = """
      server {
          listen 443 ssl;
          server_name app.example.com;
          add_header Strict-Transport-Security "max-age=63072000" always;
          location / {
              proxy_set_header Host $host;
              proxy_set_header X-Forwarded-Proto $scheme;
              proxy_pass http://web:8000;
          }
      }
      server {
          listen 80;
          server_name app.example.com;
          return 301 https://$host$request_uri;
      }
      """;

  private void project(String production) throws IOException {
    write("deploy/nginx/site.conf", NGINX);
    write("compose.yaml", """
        services:
          web:
            build: .
            command: gunicorn --bind 0.0.0.0:8000 --workers 3 shop.wsgi
            environment:
              DJANGO_SETTINGS_MODULE: shop.settings.production
              DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}
        """);
    write("shop/settings/base.py", """
        import os
        SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "Canary-Dev-Key-4411-not-for-production")
        INSTALLED_APPS = ["django.contrib.sessions"]
        ROOT_URLCONF = "shop.urls"
        SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        SESSION_COOKIE_DOMAIN = "." + os.environ.get("BASE_DOMAIN", "example.com")
        """);
    write("shop/settings/dev.py", "from .base import *\nCACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n");
    write("shop/settings/production.py", production);
  }

  @Test
  void aHealthyProjectHasNoErrorAndAComputedSettingIsANote() throws IOException {
    project("""
        from .base import *
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/1"}}
        SESSION_COOKIE_SECURE = True
        """);
    Run r = run("scan", dir.toString(), "--format", "json");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(r.out());
    for (JsonNode f : json.get("findings")) assertThat(f.get("severity").asText()).as(f.toString()).isNotEqualTo("error");
    assertThat(r.err()).contains("shop/settings/base.py:6").contains("could not determine SESSION_COOKIE_DOMAIN");
    assertThat(r.out() + r.err()).doesNotContain("Canary-Dev-Key");
  }

  @Test
  void theProductionModuleDecidesTheFindingsAndEachNamesTheAppLine() throws IOException {
    project("""
        from .base import *
        SESSION_COOKIE_SECURE = True
        """);
    Run r = run("scan", dir.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    StringBuilder found = new StringBuilder();
    for (JsonNode f : json.get("findings")) {
      for (JsonNode e : f.get("evidence")) {
        if (e.path("location").has("file")) found.append(f.get("id").asText()).append(' ')
            .append(e.get("location").get("file").asText()).append(':').append(e.get("location").get("line").asInt()).append('\n');
      }
    }
    // no SECURE_PROXY_SSL_HEADER in production.py, gunicorn trusts only its own host: the app line first
    assertThat(found.toString()).contains("proxy.forwarded-proto-untrusted shop/settings/production.py:1")
        .contains("proxy.forwarded-proto-untrusted deploy/nginx/site.conf:8")
        // the cache engine on Django's default cache (per process) behind three gunicorn workers
        .contains("session.store-not-shared shop/settings/base.py:5")
        .contains("session.store-not-shared compose.yaml:4");
    assertThat(r.out() + r.err()).doesNotContain("Canary-Dev-Key");
  }
}
