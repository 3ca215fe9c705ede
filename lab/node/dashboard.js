// The lab's React dashboard: pages rendered by React on the server (react-dom/server, no build
// step), a login form posted by the browser, and a CSRF token that the page keeps where single-page
// apps keep it: in <script type="application/json" id="app-state">, from which the page's own
// JavaScript adds it to the form as `_csrf` when the user submits (csrf-sync, synchronizer token
// in the session). A POST also has to come from the app's origin, as configured.
// Knobs (each case's env files): PORT, LAB_USER, LAB_PASSWORD, SESSION_SECRET,
//   TRUST_PROXY      app.set('trust proxy'), e.g. loopback
//   PUBLIC_ORIGIN    the app's public origin: a POST whose Origin differs is refused (403), as
//                    frameworks that pin their origin (SvelteKit's ORIGIN, Remix, Next.js server
//                    actions) do
const express = require('express');
const session = require('express-session');
const { csrfSync } = require('csrf-sync');
const React = require('react');
const { renderToString } = require('react-dom/server');

const env = process.env;
const USER = env.LAB_USER || 'alice';
const h = React.createElement;

const app = express();
if (env.TRUST_PROXY) app.set('trust proxy', env.TRUST_PROXY);
app.disable('x-powered-by');
app.use(express.urlencoded({ extended: false }));
app.use(session({
  name: 'dash.sid', secret: env.SESSION_SECRET, resave: false, saveUninitialized: false,
  cookie: { secure: true, httpOnly: true, sameSite: 'lax', path: '/' },
}));
const { generateToken, csrfSynchronisedProtection } = csrfSync({
  getTokenFromRequest: (req) => (req.body && req.body._csrf) || req.headers['x-csrf-token'],
});

app.get('/healthz', (req, res) => res.type('text').send('ok\n'));

// The origin check of frameworks that know their public origin: a POST from elsewhere is refused.
app.use((req, res, next) => {
  if (req.method !== 'POST' || !env.PUBLIC_ORIGIN) return next();
  const origin = req.get('origin');
  if (origin !== env.PUBLIC_ORIGIN) {
    return res.status(403).type('text').send(`Cross-site POST form submissions are forbidden (origin ${origin})\n`);
  }
  next();
});

function Field({ label, name, type, autoComplete }) {
  return h('label', null, label, ' ', h('input', { name, type, autoComplete }));
}
function LoginPage({ error }) {
  return h('main', null, h('h1', null, 'Sign in to the dashboard'),
    error ? h('p', { role: 'alert' }, error) : null,
    h('form', { method: 'post', action: '/login', id: 'login' },
      h(Field, { label: 'User', name: 'username', type: 'text', autoComplete: 'username' }),
      h(Field, { label: 'Password', name: 'password', type: 'password', autoComplete: 'current-password' }),
      h('button', null, 'Sign in')));
}
function Dashboard({ user }) {
  return h('main', null, h('h1', null, 'Dashboard'), h('p', null, `Signed in as ${user}`),
    h('form', { method: 'post', action: '/logout', id: 'logout' }, h('button', null, 'Log out')));
}

// The page: React's markup, the state as JSON (`<` escaped so it cannot end the script), and the
// script that puts the CSRF token into each form on submit.
function page(title, element, state) {
  const json = JSON.stringify(state).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>`
    + `<div id="root">${renderToString(element)}</div>`
    + `<script type="application/json" id="app-state">${json}</script>`
    + '<script>const state = JSON.parse(document.getElementById("app-state").textContent);'
    + 'for (const f of document.querySelectorAll("form")) f.addEventListener("submit", () => {'
    + 'const i = document.createElement("input"); i.type = "hidden"; i.name = "_csrf"; i.value = state.csrfToken;'
    + 'f.appendChild(i); });</script></body></html>';
}

app.get('/', (req, res) => res.redirect('/dashboard'));
app.get('/login', (req, res) => {
  res.type('html').send(page('Sign in', h(LoginPage, {}), { csrfToken: generateToken(req) }));
});
app.post('/login', csrfSynchronisedProtection, (req, res, next) => {
  const { username, password } = req.body || {};
  if (username !== USER || password !== env.LAB_PASSWORD) {
    return res.status(401).type('html')
      .send(page('Sign in', h(LoginPage, { error: 'Invalid credentials' }), { csrfToken: generateToken(req) }));
  }
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.user = USER;
    res.redirect(303, '/dashboard');
  });
});
app.get('/dashboard', (req, res) => {
  if (!req.session.user) return res.redirect('/login');
  res.type('html').send(page('Dashboard', h(Dashboard, { user: req.session.user }),
    { csrfToken: generateToken(req), user: req.session.user }));
});
app.post('/logout', csrfSynchronisedProtection, (req, res, next) => {
  req.session.destroy((err) => {
    if (err) return next(err);
    res.clearCookie('dash.sid', { secure: true, httpOnly: true, sameSite: 'lax', path: '/' });
    res.redirect(303, '/login');
  });
});

app.use((err, req, res, next) => {
  if (err.code === 'EBADCSRFTOKEN') return res.status(403).type('text').send('invalid csrf token\n');
  console.error(`error: ${err.message}`);
  res.status(500).type('text').send('Internal Server Error\n');
});

app.listen(Number(env.PORT), '127.0.0.1', () => console.log(`listening on 127.0.0.1:${env.PORT}`));
