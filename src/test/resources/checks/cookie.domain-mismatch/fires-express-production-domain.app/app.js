const express = require('express');
const session = require('express-session');
const { RedisStore } = require('connect-redis');

const app = express();
app.set('trust proxy', 1);
const cookie = { secure: true, sameSite: 'lax' };
if (process.env.NODE_ENV === 'production') {
  // expect: cookie.domain-mismatch
  cookie.domain = process.env.COOKIE_DOMAIN || 'example.com';
} else {
  cookie.domain = 'localhost';
}
app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client }), cookie }));
