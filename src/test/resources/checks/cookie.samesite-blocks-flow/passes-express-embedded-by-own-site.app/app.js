const express = require('express');
const helmet = require('helmet');
const session = require('express-session');
const { RedisStore } = require('connect-redis');

const app = express();
app.use(helmet({
  contentSecurityPolicy: {
    directives: {
      frameAncestors: ["'self'", 'https://portal.example.com'],
    },
  },
}));
app.use(session({
  secret: process.env.SESSION_SECRET,
  store: new RedisStore({ client }),
  cookie: { secure: true, sameSite: 'lax' },
}));
