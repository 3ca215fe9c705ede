import express from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';

const app = express();
app.use(session({
  secret: process.env.SESSION_SECRET,
  store: new RedisStore({ client }),
  cookie: {
    // expect: cookie.path-excludes-route
    path: process.env.NODE_ENV === 'production' ? '/api' : '/',
  },
}));
