const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors({
  // expect: cors.wildcard-with-credentials
  origin: process.env.CORS_ORIGIN || '*',
  // expect: cors.wildcard-with-credentials
  credentials: true,
}));
