const jwt = require('jsonwebtoken');

const options = { issuer: 'https://auth.example.com', audience: ['api', 'billing'] };
// expect: jwt.audience-mismatch
options.audience = 'lab-api';
module.exports = (user) => jwt.sign({ sub: user }, process.env.JWT_KEY, options);
