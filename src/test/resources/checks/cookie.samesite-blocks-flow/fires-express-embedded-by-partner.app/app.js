const express = require('express');
const helmet = require('helmet');
const session = require('express-session');
const { RedisStore } = require('connect-redis');

const app = express();
app.use(helmet({
  contentSecurityPolicy: {
    directives: {
      // expect: cookie.samesite-blocks-flow
      frameAncestors: ["'self'", 'https://portal.partner.example'],
    },
  },
}));
app.use(session({
  secret: process.env.SESSION_SECRET,
  store: new RedisStore({ client }),
  // expect: cookie.samesite-blocks-flow
  cookie: { secure: true, sameSite: 'lax' },
}));
