"""The lab's token logins (Flask, run by gunicorn): an API whose login answers a bearer token
instead of a session cookie, in one of two shapes (TOKEN_KIND):

  opaque  an OAuth2 password grant, as an admin editor's API has it (RFC 6749 section 4.3):
            POST /token  grant_type=password&username=…&password=…  (form-encoded)
            → {"access_token": 32 hex characters, "token_type": "bearer", "expires_in": 3600}
          the token is looked up in TOKEN_STORE: memory (this process's own dict: instances do not
          share tokens) | redis (the lab's Redis, key lab:CASE:token:TOKEN)
  jwt     a JSON login, as a package registry's has it:
            POST /api/login  {"username": …, "password": …}  → {"token": a JWT (HS256)}
          whose claims name the user in `name` (no `sub`): {"name", "groups", "iat", "exp"};
          the API verifies the signature and expiry with JWT_SECRET and reads `name`
  GET /api/me   with `Authorization: Bearer TOKEN`: {"user": USER}, else 401 with
                `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750)
Knobs: TOKEN_KIND, TOKEN_STORE, JWT_SECRET, LAB_USER, LAB_PASSWORD.
"""
import json
import os
import secrets
import time

import jwt
from flask import Flask, jsonify, request

app = Flask(__name__)
KIND = os.environ.get("TOKEN_KIND", "opaque")
STORE = os.environ.get("TOKEN_STORE", "memory")
USER = os.environ.get("LAB_USER", "alice")
PASSWORD = os.environ["LAB_PASSWORD"]
TOKENS = {}
if STORE == "redis":
    import redis
    REDIS = redis.Redis.from_url(os.environ["LAB_REDIS_URL"])
    PREFIX = f"lab:{os.environ.get('LAB_CASE', 'tokenlogin')}:token:"


def remember(token, user):
    if STORE == "redis":
        REDIS.set(PREFIX + token, user, ex=3600)
    else:
        TOKENS[token] = (user, time.time() + 3600)


def lookup(token):
    if KIND == "jwt":
        try:
            claims = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"],
                                options={"require": ["exp"]})
        except jwt.PyJWTError:
            return None
        return claims.get("name")
    if STORE == "redis":
        v = REDIS.get(PREFIX + token)
        return v.decode() if v else None
    user, exp = TOKENS.get(token, (None, 0))
    return user if exp > time.time() else None


def refused(error, description, status=401):
    r = jsonify(error=error, error_description=description)
    r.status_code = status
    return r


@app.get("/healthz")
def healthz():
    return "ok\n"


@app.post("/token")
def token():
    if KIND != "opaque":
        return refused("not_found", "no such endpoint", 404)
    f = request.form
    if f.get("grant_type") != "password":
        return refused("unsupported_grant_type", "only the password grant", 400)
    if f.get("username") != USER or f.get("password") != PASSWORD:
        return refused("invalid_grant", "invalid username or password", 400)
    t = secrets.token_hex(16)
    remember(t, USER)
    r = jsonify(access_token=t, token_type="bearer", expires_in=3600)
    r.headers["Cache-Control"] = "no-store"
    return r


@app.post("/api/login")
def json_login():
    if KIND != "jwt":
        return refused("not_found", "no such endpoint", 404)
    body = request.get_json(silent=True) or {}
    if body.get("username") != USER or body.get("password") != PASSWORD:
        return refused("unauthorized", "invalid username or password")
    now = int(time.time())
    claims = {"name": USER, "groups": [USER, "$authenticated"], "iat": now, "exp": now + 3600}
    return jsonify(token=jwt.encode(claims, os.environ["JWT_SECRET"], algorithm="HS256"))


@app.get("/api/me")
def me():
    auth = request.headers.get("Authorization", "")
    user = lookup(auth[7:]) if auth.startswith("Bearer ") else None
    if not user:
        r = refused("unauthorized", "no valid bearer token")
        r.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return r
    return jsonify(user=user)
