package authdoctor.collect.scan.js;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Location;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Express reader: each setting production runs with, at its line; computed values as notes, never guesses. */
class ExpressReaderTest {
  private static List<AppSetting> of(AppRead r, Concept c) {
    return r.settings().stream().filter(s -> s.concept() == c).toList();
  }

  private static AppSetting one(AppRead r, Concept c) {
    List<AppSetting> found = of(r, c);
    assertThat(found).as(c.name()).hasSize(1);
    return found.get(0);
  }

  private static int line(AppSetting s) {
    return ((Location.FileLine) s.location()).line();
  }

  @Test
  void theProductionBranchOfAnIfDecidesAndTheDevelopmentOneIsSkipped() {
    AppRead r = ExpressReader.read("app.js", """
        const express = require('express');
        const app = express();
        if (process.env.NODE_ENV !== 'production') {
          app.set('trust proxy', false);
        } else {
          app.set('trust proxy', 1);
        }
        """);
    AppSetting trust = one(r, Concept.TRUST_FORWARDED_PROTO);
    assertThat(trust.value()).isEqualTo(new Value.Literal("1"));
    assertThat(line(trust)).isEqualTo(6);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void anAppWithoutTrustProxyDoesNotTrustForwardedHeaders() {
    AppRead r = ExpressReader.read("app.js", "const express = require('express');\n\nconst app = express();\napp.listen(3000);\n");
    AppSetting trust = one(r, Concept.TRUST_FORWARDED_PROTO);
    assertThat(trust.isFalse()).isTrue();
    assertThat(line(trust)).isEqualTo(3);
  }

  @Test
  void sessionWithoutStoreIsMemoryStoreAndAGeneratedFallbackSecretIsGenerated() {
    AppRead r = ExpressReader.read("app.js", """
        const session = require('express-session');
        const crypto = require('node:crypto');
        app.use(session({
          secret: process.env.SESSION_SECRET || crypto.randomBytes(32).toString('hex'),
          cookie: { secure: process.env.NODE_ENV === 'production', sameSite: true, maxAge: 24 * 60 * 60 * 1000 },
        }));
        """);
    AppSetting store = one(r, Concept.SESSION_STORE);
    assertThat(store.literal()).isEqualTo("memory");
    assertThat(line(store)).isEqualTo(3);
    assertThat(one(r, Concept.SESSION_SECRET).value()).isEqualTo(new Value.Generated("crypto.randomBytes(32).toString('hex')", "SESSION_SECRET"));
    assertThat(one(r, Concept.SESSION_COOKIE_SECURE).isTrue()).isTrue();
    assertThat(one(r, Concept.SESSION_COOKIE_SAMESITE).literal()).isEqualTo("Strict");
    assertThat(one(r, Concept.SESSION_LIFETIME).literal()).isEqualTo("86400");
  }

  @Test
  void membersAssignedInTheProductionBranchOverrideTheObjectLiteral() {
    AppRead r = ExpressReader.read("app.js", """
        import session from 'express-session';
        import RedisStore from 'connect-redis';
        const isProd = process.env.NODE_ENV === 'production';
        const sess = { secret: 'keyboard cat', cookie: {}, store: isProd ? new RedisStore({ client }) : undefined };
        if (app.get('env') === 'production') {
          sess.cookie.secure = true;
        }
        app.use(session(sess));
        """);
    assertThat(one(r, Concept.SESSION_COOKIE_SECURE).isTrue()).isTrue();
    assertThat(line(one(r, Concept.SESSION_COOKIE_SECURE))).isEqualTo(6);
    assertThat(one(r, Concept.SESSION_STORE).literal()).isEqualTo("redis");
    assertThat(one(r, Concept.SESSION_SECRET).literal()).isEqualTo("keyboard cat");
  }

  @Test
  void aStoreChosenByATestTheReaderCannotDecideIsComputedWithANote() {
    AppRead r = ExpressReader.read("app.js", """
        const session = require('express-session');
        const { RedisStore } = require('connect-redis');
        let store;
        if (process.env.SESSION_STORE === 'redis') {
          store = new RedisStore({ client });
        }
        app.use(session({ secret: process.env.SECRET, store }));
        """);
    assertThat(one(r, Concept.SESSION_STORE).value()).isInstanceOf(Value.Computed.class);
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("app.js:7");
      assertThat(p.message()).startsWith("could not determine session({store})");
    });
  }

  @Test
  void corsOriginsAsListTrueStringOrFunction() {
    AppRead r = ExpressReader.read("app.js", """
        const cors = require('cors');
        app.use(cors({ origin: ['https://a.example', 'https://b.example'], credentials: true }));
        app.use(cors({ origin: true }));
        app.use(cors());
        app.use(cors({ origin: (origin, cb) => cb(null, true) }));
        """);
    assertThat(of(r, Concept.CORS_ORIGINS)).extracting(s -> s.value().toString())
        .containsExactly("Literal[text=https://a.example,https://b.example]", "Literal[text=reflect]", "Literal[text=*]",
            "Computed[expression=origin function (origin, cb) => cb(null, true)]");
    assertThat(one(r, Concept.CORS_CREDENTIALS).isTrue()).isTrue();
    assertThat(r.problems()).extracting(p -> p.source()).containsExactly("app.js:5");
  }

  @Test
  void cookieSessionCsrfAndEnvironmentFallbacks() {
    AppRead r = ExpressReader.read("app.js", """
        const cookieSession = require('cookie-session');
        const { doubleCsrf } = require('csrf-csrf');
        const env = process.env;
        app.use(cookieSession({ name: 'sess', keys: [env.KEY_A, env.KEY_B], domain: env.COOKIE_DOMAIN ?? 'example.com' }));
        const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => 'x' });
        """);
    assertThat(one(r, Concept.SESSION_STORE).literal()).isEqualTo("cookie");
    assertThat(one(r, Concept.SESSION_SECRET).value()).isEqualTo(new Value.FromEnv("KEY_A", null));
    assertThat(one(r, Concept.SESSION_COOKIE_DOMAIN).value()).isEqualTo(new Value.FromEnv("COOKIE_DOMAIN", "example.com"));
    assertThat(one(r, Concept.CSRF_ENABLED).isTrue()).isTrue();
    assertThat(line(one(r, Concept.CSRF_ENABLED))).isEqualTo(5);
  }

  @Test
  void passportCallbacksAndTokenSettings() {
    AppRead r = ExpressReader.read("auth.js", """
        const jwt = require('jsonwebtoken');
        const SamlStrategy = require('@node-saml/passport-saml').Strategy;
        passport.use(new SamlStrategy({ callbackUrl: '/login/callback', entryPoint: idp }, verify));
        const token = jwt.sign(claims, key, { issuer: 'https://auth.example', audience: 'api' });
        jwt.verify(t, key, { issuer: process.env.ISSUER });
        """);
    assertThat(one(r, Concept.LOGIN_CALLBACK).literal()).isEqualTo("POST /login/callback");
    assertThat(one(r, Concept.TOKEN_ISSUER).literal()).isEqualTo("https://auth.example");
    assertThat(one(r, Concept.TOKEN_AUDIENCE).literal()).isEqualTo("api");
    assertThat(one(r, Concept.JWT_ISSUER).value()).isEqualTo(new Value.FromEnv("ISSUER", null));
  }

  @Test
  void hostileSourceNeitherThrowsNorLoops() {
    for (String src : List.of("app.set('trust proxy', ", "session({cookie: {secure: `${", "/* unterminated", "if (", "const {", "(((((",
        "x = /[/]/.test(y) ? a : b; app.set('trust proxy', 2)", "import {", "a ? . 5 : 3", "})}])")) {
      AppRead r = ExpressReader.read("x.js", "const express = require('express');\n" + src);
      assertThat(r).isNotNull();
    }
    StringBuilder deep = new StringBuilder("const express = require('express');\nx = ");
    deep.append("[".repeat(5000));
    assertThat(ExpressReader.read("x.js", deep.toString())).isNotNull();
  }
}
