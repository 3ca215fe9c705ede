const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors({ origin: ['https://front.example.com', 'http://localhost:5173'], credentials: true }));
