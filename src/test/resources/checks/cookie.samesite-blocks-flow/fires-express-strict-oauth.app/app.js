const express = require('express');
const session = require('express-session');
const passport = require('passport');
const GoogleStrategy = require('passport-google-oauth20').Strategy;
const { RedisStore } = require('connect-redis');

const app = express();
app.use(session({
  secret: process.env.SESSION_SECRET,
  store: new RedisStore({ client }),
  // expect: cookie.samesite-blocks-flow
  cookie: { secure: true, sameSite: 'strict' },
}));
passport.use(new GoogleStrategy({
  clientID: process.env.GOOGLE_CLIENT_ID,
  clientSecret: process.env.GOOGLE_CLIENT_SECRET,
  // expect: cookie.samesite-blocks-flow
  callbackURL: '/auth/google/callback',
}, verify));
