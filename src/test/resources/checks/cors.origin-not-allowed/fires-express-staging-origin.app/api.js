const express = require('express');
const cors = require('cors');

const app = express();
// expect: cors.origin-not-allowed
app.use(cors({ origin: process.env.CORS_ORIGIN, credentials: true }));
