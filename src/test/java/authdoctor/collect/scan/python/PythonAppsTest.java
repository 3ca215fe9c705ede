package authdoctor.collect.scan.python;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Location;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Python reader on small sources: which settings it reads, from which line, with which value, and
 * what it declines to evaluate (a problem naming file:line, never a guess).
 */
class PythonAppsTest {
  private static PythonApps.Read read(List<Observation> deploy, String... fileAndText) {
    List<PythonApps.Source> sources = new ArrayList<>();
    for (int i = 0; i < fileAndText.length; i += 2) sources.add(new PythonApps.Source(fileAndText[i], fileAndText[i + 1]));
    return PythonApps.read(sources, deploy);
  }

  private static AppSetting one(PythonApps.Read r, Concept c) {
    List<AppSetting> all = r.settings().stream().filter(s -> s.concept() == c).toList();
    assertThat(all).as(c.name()).hasSize(1);
    return all.get(0);
  }

  private static String where(AppSetting s) {
    Location.FileLine l = (Location.FileLine) s.location();
    return l.file() + ":" + l.line();
  }

  private static DeploySetting env(String key, String value) {
    return new DeploySetting(DeploySetting.Format.COMPOSE, "compose.yaml", key, value, new Location.FileLine("compose.yaml", 5), "web");
  }

  @Test
  void environmentLookupsKeepTheirVariableAndDefault() {
    var r = read(List.of(), "site/settings.py", """
        import os
        from os import environ
        env = os.environ

        INSTALLED_APPS = []
        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
        SESSION_COOKIE_SECURE = os.getenv("COOKIE_SECURE", "True") == "True"
        SESSION_COOKIE_DOMAIN = env.get("COOKIE_DOMAIN", None)
        SESSION_COOKIE_SAMESITE = (
            "Lax"  # a comment inside the brackets
        )
        CSRF_TRUSTED_ORIGINS = ["https://app.example.com", 'https://admin.example.com']
        SESSION_COOKIE_AGE = int(environ.get("SESSION_AGE", 3600))
        """);
    assertThat(one(r, Concept.SESSION_SECRET).value()).isEqualTo(new Value.FromEnv("DJANGO_SECRET_KEY", null));
    assertThat(where(one(r, Concept.SESSION_SECRET))).isEqualTo("site/settings.py:6");
    assertThat(one(r, Concept.SESSION_COOKIE_SECURE).value()).isEqualTo(new Value.FromEnv("COOKIE_SECURE", "true"));
    assertThat(one(r, Concept.SESSION_COOKIE_DOMAIN).value()).isEqualTo(new Value.FromEnv("COOKIE_DOMAIN", ""));
    assertThat(one(r, Concept.SESSION_COOKIE_SAMESITE).value()).isEqualTo(new Value.Literal("Lax"));
    assertThat(where(one(r, Concept.SESSION_COOKIE_SAMESITE))).isEqualTo("site/settings.py:9");
    assertThat(one(r, Concept.CSRF_TRUSTED_ORIGINS).literal()).isEqualTo("https://app.example.com,https://admin.example.com");
    assertThat(one(r, Concept.SESSION_LIFETIME).value()).isEqualTo(new Value.FromEnv("SESSION_AGE", "3600"));
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void aComputedValueIsAProblemAtItsLineNeverAGuess() {
    var r = read(List.of(), "site/settings.py", """
        INSTALLED_APPS = []
        SESSION_COOKIE_DOMAIN = "." + BASE_DOMAIN
        if FEATURE_FLAGS.get("strict"):
            SESSION_COOKIE_SAMESITE = "Strict"
        SECRET_KEY = "prefix-" + load_key()
        """);
    assertThat(one(r, Concept.SESSION_COOKIE_DOMAIN).value()).isInstanceOf(Value.Computed.class);
    assertThat(one(r, Concept.SESSION_COOKIE_SAMESITE).value()).isInstanceOf(Value.Computed.class);
    assertThat(r.problems()).extracting(p -> p.source()).containsExactlyInAnyOrder("site/settings.py:2", "site/settings.py:4", "site/settings.py:5");
    // a secret's expression is not repeated in the note
    assertThat(r.problems()).filteredOn(p -> p.source().endsWith(":5")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("SECRET_KEY").doesNotContain("prefix"));
  }

  @Test
  void theSettingsModuleTheDeploymentSelectsDecidesAndDevelopmentBranchesDoNot() {
    String base = """
        INSTALLED_APPS = ["django.contrib.sessions"]
        SESSION_COOKIE_SECURE = False
        """;
    String prod = """
        from .base import *
        SESSION_COOKIE_SECURE = True
        if DEBUG:
            SESSION_COOKIE_SECURE = False
        else:
            CSRF_COOKIE_SECURE = True
        """;
    String dev = """
        from .base import *
        DEBUG = True
        """;
    var selected = read(List.of(env("DJANGO_SETTINGS_MODULE", "proj.settings.dev")),
        "proj/settings/base.py", base, "proj/settings/prod.py", prod, "proj/settings/dev.py", dev);
    assertThat(one(selected, Concept.SESSION_COOKIE_SECURE).literal()).isEqualTo("false");
    assertThat(where(one(selected, Concept.SESSION_COOKIE_SECURE))).isEqualTo("proj/settings/base.py:2");
    assertThat(one(selected, Concept.SESSION_COOKIE_SECURE).assumption()).isNull();

    var assumed = read(List.of(), "proj/settings/base.py", base, "proj/settings/prod.py", prod, "proj/settings/dev.py", dev);
    assertThat(one(assumed, Concept.SESSION_COOKIE_SECURE).literal()).isEqualTo("true");
    assertThat(where(one(assumed, Concept.SESSION_COOKIE_SECURE))).isEqualTo("proj/settings/prod.py:2");
    assertThat(one(assumed, Concept.SESSION_COOKIE_SECURE).assumption()).contains("proj/settings/prod.py assumed");
    assertThat(one(assumed, Concept.CSRF_COOKIE_SECURE).literal()).isEqualTo("true");
  }

  @Test
  void wsgiDefaultIsTheAssumptionWhenTheDeploymentSaysNothing() {
    var r = read(List.of(),
        "proj/settings/base.py", "INSTALLED_APPS = []\nSESSION_ENGINE = 'django.contrib.sessions.backends.cache'\n",
        "proj/settings/live.py", "from .base import *\nCACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache'}}\n",
        "proj/settings/local.py", "from .base import *\n",
        "proj/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.live')\n");
    AppSetting store = one(r, Concept.SESSION_STORE);
    assertThat(store.literal()).isEqualTo("redis");
    assertThat(store.assumption()).contains("proj/wsgi.py's default");
  }

  @Test
  void flaskConfigIsAppliedInOrderWithTheEnvironmentsClass() {
    var r = read(List.of(env("APP_SETTINGS", "config.ProductionConfig"), env("FLASK_SESSION_COOKIE_DOMAIN", "example.com")),
        "config.py", """
            import os
            class Config(object):
                SECRET_KEY = os.environ.get("SECRET_KEY") or "dev"
                SESSION_COOKIE_SAMESITE = "Lax"
            class DevelopmentConfig(Config):
                SESSION_COOKIE_SECURE = False
            class ProductionConfig(Config):
                SESSION_COOKIE_SECURE = True
            """,
        "app.py", """
            import os
            from flask import Flask
            app = Flask(__name__)
            app.config.from_object(os.environ["APP_SETTINGS"])
            app.config.from_prefixed_env()
            app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
            if __name__ == "__main__":
                app.config["SESSION_COOKIE_SECURE"] = False
                app.run(debug=True)
            """);
    assertThat(one(r, Concept.SESSION_COOKIE_SECURE).literal()).isEqualTo("true");
    assertThat(where(one(r, Concept.SESSION_COOKIE_SECURE))).isEqualTo("config.py:8");
    assertThat(one(r, Concept.SESSION_SECRET).value()).isEqualTo(new Value.FromEnv("SECRET_KEY", "dev"));
    assertThat(one(r, Concept.SESSION_COOKIE_SAMESITE).literal()).isEqualTo("Strict");
    assertThat(one(r, Concept.SESSION_COOKIE_DOMAIN).value()).isEqualTo(new Value.FromEnv("FLASK_SESSION_COOKIE_DOMAIN", null));
    assertThat(one(r, Concept.TRUST_FORWARDED_PROTO).literal()).isEqualTo("false");
  }

  @Test
  void starletteMiddlewareArgumentsAndDefaults() {
    var r = read(List.of(), "main.py", """
        import os
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware
        from starlette.middleware.sessions import SessionMiddleware
        app = FastAPI(root_path="/api")
        app.add_middleware(
            SessionMiddleware,
            secret_key=os.environ.get("SESSION_SECRET") or os.urandom(24).hex(),
            same_site="none",
        )
        app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
        """);
    assertThat(one(r, Concept.SESSION_SECRET).value()).isEqualTo(new Value.Generated("os.urandom(24).hex()", "SESSION_SECRET"));
    assertThat(one(r, Concept.SESSION_COOKIE_SAMESITE).literal()).isEqualTo("none");
    assertThat(one(r, Concept.SESSION_COOKIE_SECURE).literal()).isEqualTo("false");
    assertThat(one(r, Concept.SESSION_COOKIE_SECURE).assumption()).contains("default");
    assertThat(where(one(r, Concept.SESSION_COOKIE_SECURE))).isEqualTo("main.py:6");
    assertThat(one(r, Concept.CORS_ORIGINS).literal()).isEqualTo("https://app.example.com");
    assertThat(one(r, Concept.CORS_CREDENTIALS).literal()).isEqualTo("true");
    assertThat(one(r, Concept.PATH_PREFIX).literal()).isEqualTo("/api");
  }

  @Test
  void testCodeIsNotProduction() {
    String app = "from flask import Flask\napp = Flask(__name__)\napp.config['SESSION_COOKIE_SECURE'] = False\n";
    var r = read(List.of(), "tests/test_login.py", app, "conftest.py", app, "app/login_test.py", app);
    assertThat(r.settings()).isEmpty();
    assertThat(read(List.of(), "app/login.py", app).settings()).isNotEmpty();
  }

  @Test
  void sourceThatIsNotPythonSettingsReadsNothingAndNeverThrows() {
    var r = read(List.of(), "weird.py", "class (:\n  x = = 1\n\"\"\"unterminated\nSECRET_KEY = (\n", "empty.py", "");
    assertThat(r.settings()).isEmpty();
    assertThat(r.problems()).isEmpty();
  }
}
