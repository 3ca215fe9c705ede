const jwt = require('jsonwebtoken');
const express = require('express');

const app = express();
app.post('/token', (req, res) => {
  // expect: jwt.issuer-mismatch
  res.json({ token: jwt.sign({ sub: req.user }, key, { algorithm: 'RS256', issuer: 'https://auth.example.com', audience: 'api' }) });
});
