// The lab's Express app: form/JSON login, a protected page, a JSON API, a token API, logout.
// Configured only by environment variables (each case's env files set them):
//   PORT, LAB_USER, LAB_PASSWORD, SESSION_SECRET
//   SESSION_STORE      redis (connect-redis) | memory (express-session's MemoryStore)
//                      | token-cookie (no server state: a signed token in the cookie)
//   REDIS_URL          defaults to the lab's Redis
//   TRUST_PROXY        value for app.set('trust proxy'), e.g. loopback; unset: not trusted
//   COOKIE_NAME, COOKIE_SECURE (true|false|auto), COOKIE_HTTPONLY, COOKIE_SAMESITE,
//   COOKIE_DOMAIN, COOKIE_PATH, COOKIE_PARTITIONED, COOKIE_MAX_AGE_MS
//   LOGOUT             destroy (session destroyed, cookie cleared) | clear-cookie (cookie only)
//   LOGOUT_CLEAR_SCOPE same (clearCookie with the cookie's own Path/Domain) | default (none)
//   CORS_ORIGIN        cors() origin: '*' or a comma-separated list; unset: no CORS
//   CORS_CREDENTIALS, CORS_ALLOWED_HEADERS
//   ALLOWED_ORIGINS    comma-separated origins allowed to POST (an Origin check); unset: none
//   PUBLIC_URL         absolute base URL used for the redirect after login
//   ROLLING=true       re-send the session cookie on every response (express-session rolling)
//   LOGOUT_URL         where the dashboard's logout form posts (default: /logout)
//   BEARER_REALM       the realm of the API's `WWW-Authenticate: Bearer realm="..."` challenge
//   TOKEN_DENYLIST=inverted  the API looks each bearer token up in a revocation list and, by a
//                      reversed test, refuses every token that is NOT on it (the list is empty):
//                      a refusal whose cause nothing outside the code shows
//   TOKEN_IN=cookie    POST /api/token answers the token in a cookie `token` the frontend's script reads
//                      (not HttpOnly) and sends back as `Authorization: Bearer`; the body names the user only
const crypto = require('node:crypto');
const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const cors = require('cors');
const { createClient } = require('redis');
const { RedisStore } = require('connect-redis');

const env = process.env;
const USER = env.LAB_USER || 'alice';
const PASSWORD = env.LAB_PASSWORD;
const SECRET = env.SESSION_SECRET;
const STORE = env.SESSION_STORE || 'redis';
const COOKIE_NAME = env.COOKIE_NAME || 'sid';
const bool = (v, dflt) => (v === undefined ? dflt : v === 'true');

const cookieOptions = {
  secure: env.COOKIE_SECURE === 'auto' ? 'auto' : bool(env.COOKIE_SECURE, false),
  httpOnly: bool(env.COOKIE_HTTPONLY, true),
  sameSite: env.COOKIE_SAMESITE || undefined,
  domain: env.COOKIE_DOMAIN || undefined,
  path: env.COOKIE_PATH || '/',
  partitioned: bool(env.COOKIE_PARTITIONED, undefined),
  maxAge: env.COOKIE_MAX_AGE_MS !== undefined ? Number(env.COOKIE_MAX_AGE_MS) : undefined,
};

const app = express();
if (env.TRUST_PROXY) app.set('trust proxy', env.TRUST_PROXY);
app.disable('x-powered-by');

if (env.CORS_ORIGIN) {
  const origin = env.CORS_ORIGIN === '*' ? '*' : env.CORS_ORIGIN.split(',');
  app.use(cors({
    origin: Array.isArray(origin) && origin.length === 1 ? origin[0] : origin,
    credentials: bool(env.CORS_CREDENTIALS, false),
    allowedHeaders: env.CORS_ALLOWED_HEADERS ? env.CORS_ALLOWED_HEADERS.split(',') : undefined,
  }));
}

app.use(express.urlencoded({ extended: false }));
app.use(express.json());
app.use(cookieParser());

if (env.ALLOWED_ORIGINS) {
  const allowed = env.ALLOWED_ORIGINS.split(',');
  app.use((req, res, next) => {
    const origin = req.get('origin');
    if (req.method === 'POST' && origin && !allowed.includes(origin)) {
      return res.status(403).type('text').send(`Forbidden: origin ${origin} is not allowed\n`);
    }
    next();
  });
}

// --- sessions: express-session with a store, or a stateless signed token cookie
const sign = (payload) => {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = crypto.createHmac('sha256', SECRET).update(body).digest('base64url');
  return `${body}.${mac}`;
};
const verify = (token) => {
  const [body, mac] = String(token || '').split('.');
  if (!body || !mac) return null;
  const want = crypto.createHmac('sha256', SECRET).update(body).digest('base64url');
  if (mac.length !== want.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(want))) return null;
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
  return payload.exp > Date.now() / 1000 ? payload : null;
};

let redis;
if (STORE === 'token-cookie') {
  app.use((req, res, next) => {
    const payload = verify(req.cookies[COOKIE_NAME]);
    req.user = payload && payload.user;
    next();
  });
} else {
  let store;
  if (STORE === 'redis') {
    redis = createClient({
      url: env.REDIS_URL || env.LAB_REDIS_URL,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1000, reconnectStrategy: (n) => Math.min(100 * n, 2000) },
    });
    redis.on('error', (e) => console.error(`redis: ${e.message}`));
    store = new RedisStore({ client: redis, prefix: `lab:${env.LAB_CASE}:sess:` });
  }
  app.use(session({
    name: COOKIE_NAME, secret: SECRET, store, resave: false, saveUninitialized: false,
    rolling: bool(env.ROLLING, false),
    cookie: cookieOptions,
  }));
  app.use((req, res, next) => {
    // express-session leaves req.session unset outside the cookie's Path
    req.user = req.session && req.session.user;
    next();
  });
}

const loginForm = (error = '') => `<!doctype html><title>Sign in</title><h1>Sign in</h1>${error}
<form method="post" action="">
<label>User <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button>Sign in</button></form>`;

app.get('/healthz', (req, res) => res.type('text').send('ok\n'));
app.get('/', (req, res) => res.redirect('/dashboard'));
app.get('/login', (req, res) => res.type('html').send(loginForm()));

app.post(['/login', '/api/login'], (req, res, next) => {
  const json = req.is('application/json') || req.path.startsWith('/api/');
  const { username, password } = req.body || {};
  if (username !== USER || password !== PASSWORD) {
    return json ? res.status(401).json({ error: 'invalid credentials' })
      : res.status(401).type('html').send(loginForm('<p>Invalid credentials</p>'));
  }
  // EXTRA_COOKIE: one more Set-Cookie line on login, as a second middleware (consent, A/B) would add.
  if (env.EXTRA_COOKIE) res.append('Set-Cookie', env.EXTRA_COOKIE);
  const done = () => (json ? res.json({ user: USER })
    : res.redirect(303, env.PUBLIC_URL ? `${env.PUBLIC_URL}/dashboard` : '/dashboard'));
  if (STORE === 'token-cookie') {
    res.cookie(COOKIE_NAME, sign({ user: USER, exp: Math.floor(Date.now() / 1000) + 3600 }), cookieOptions);
    return done();
  }
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.user = USER;
    req.session.save((err2) => (err2 ? next(err2) : done()));
  });
});

app.get('/dashboard', (req, res) => {
  if (!req.user) return res.redirect('/login');
  res.type('html').send(`<!doctype html><title>Dashboard</title><h1>Dashboard</h1>
<p>Signed in as ${req.user}</p><form method="post" action="${env.LOGOUT_URL || '/logout'}"><button>Log out</button></form>`);
});

const revoked = new Set();
const isRevoked = (token) => (env.TOKEN_DENYLIST === 'inverted' ? !revoked.has(token) : revoked.has(token));
const tokenUser = (req) => {
  const m = /^Bearer (.+)$/.exec(req.get('authorization') || '');
  const payload = m && !isRevoked(m[1]) && verify(m[1]);
  return payload && payload.kind === 'api' ? payload.user : null;
};

app.get('/api/me', (req, res) => {
  const user = tokenUser(req) || req.user;
  const challenge = env.BEARER_REALM ? `Bearer realm="${env.BEARER_REALM}"` : 'Bearer';
  if (!user) return res.status(401).set('WWW-Authenticate', challenge).json({ error: 'unauthorized' });
  res.json({ user });
});

app.post('/api/token', (req, res) => {
  const { username, password } = req.body || {};
  if (username !== USER || password !== PASSWORD) return res.status(401).json({ error: 'invalid credentials' });
  const token = sign({ kind: 'api', user: USER, exp: Math.floor(Date.now() / 1000) + 3600 });
  if (env.TOKEN_IN === 'cookie') {
    res.cookie('token', token, { secure: true, httpOnly: false, sameSite: 'lax', path: '/' });
    return res.json({ user: USER });
  }
  res.json({ token, token_type: 'Bearer' });
});

app.post('/logout', (req, res, next) => {
  const { maxAge, ...sameScope } = cookieOptions;
  const scope = env.LOGOUT_CLEAR_SCOPE === 'default' ? {} : sameScope;
  const finish = () => {
    res.clearCookie(COOKIE_NAME, scope);
    req.is('application/json') ? res.json({ ok: true }) : res.redirect(303, '/login');
  };
  if (STORE === 'token-cookie' || env.LOGOUT === 'clear-cookie') return finish();
  req.session.destroy((err) => (err ? next(err) : finish()));
});

app.use((err, req, res, next) => {
  console.error(`error: ${err.message}`);
  res.status(500).type('text').send('Internal Server Error\n');
});

(async () => {
  if (redis) {
    const timeout = new Promise((resolve) => setTimeout(resolve, 2000, 'timeout'));
    const r = await Promise.race([redis.connect().then(() => 'ok', (e) => e.message), timeout]);
    if (r !== 'ok') console.error(`redis: not connected at start (${r})`);
  }
  app.listen(Number(env.PORT), '127.0.0.1', () => console.log(`listening on 127.0.0.1:${env.PORT}`));
})();
