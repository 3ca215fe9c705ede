const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors({
  origin: process.env.NODE_ENV === 'production' ? ['https://app.example.com'] : '*',
  credentials: true,
}));
