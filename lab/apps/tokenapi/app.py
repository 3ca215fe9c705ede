"""The lab's bearer-token API (Flask + PyJWT, run by gunicorn): a resource server that accepts
access tokens of the lab's OIDC provider (mock-oauth2-server behind https://idp.lab.test:18980).

Its knobs (each case's app.env sets them), as a production API would be configured:
  LAB_JWT_ISSUER      the issuer it expects (exact `iss`)
  LAB_JWT_AUDIENCE    the audience it expects (in `aud`)
  LAB_JWKS_URL        where it fetches the signing keys; an https URL of a lab host is fetched
                      from 127.0.0.1 with the lab CA (LAB_CA), as a resolver pinned to it would
  LAB_JWKS_FILE       ... or a JWKS file pinned at deploy time (a stale copy, say); repo-relative
  LAB_JWT_ALGS        accepted algorithms, comma-separated (default RS256)
  LAB_JWT_REQUIRE     claims that must be present (default exp,iat,iss,sub)
  LAB_LEEWAY          clock skew allowed, seconds (default 0, PyJWT's default)
  LAB_CLOCK_OFFSET    seconds this server's clock is off (the Date header and the token checks
                      both use the skewed clock, as on a host whose NTP is broken)
A refused token answers 401 with `WWW-Authenticate: Bearer error="invalid_token",
error_description="..."` (RFC 6750); the description names the reason, never the token.
"""
import http.client
import json
import os
import ssl
import time
from email.utils import formatdate
from urllib.parse import urlsplit

import jwt
from flask import Flask, jsonify, request

app = Flask(__name__)
ISSUER = os.environ["LAB_JWT_ISSUER"]
AUDIENCE = os.environ.get("LAB_JWT_AUDIENCE")
ALGS = os.environ.get("LAB_JWT_ALGS", "RS256").split(",")
REQUIRE = os.environ.get("LAB_JWT_REQUIRE", "exp,iat,iss,sub").split(",")
LEEWAY = int(os.environ.get("LAB_LEEWAY", "0"))
OFFSET = int(os.environ.get("LAB_CLOCK_OFFSET", "0"))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def fetch_lab_url(url):
    """GET an https URL of a lab host: connect to 127.0.0.1 (the lab pins every host there)."""
    u = urlsplit(url)
    ctx = ssl.create_default_context(cafile=os.environ["LAB_CA"])
    ctx.check_hostname = False  # the SNI/Host is the lab name, the address 127.0.0.1
    c = http.client.HTTPSConnection("127.0.0.1", u.port or 443, context=ctx, timeout=5)
    try:
        c.request("GET", u.path or "/", headers={"Host": u.netloc})
        r = c.getresponse()
        if r.status != 200:
            raise OSError(f"{url}: HTTP {r.status}")
        return json.loads(r.read())
    finally:
        c.close()


_keys = {}


def keys():
    if not _keys:
        if os.environ.get("LAB_JWKS_FILE"):
            with open(os.path.join(REPO, os.environ["LAB_JWKS_FILE"])) as f:
                doc = json.load(f)
        else:
            doc = fetch_lab_url(os.environ["LAB_JWKS_URL"])
        for k in doc["keys"]:
            _keys[k.get("kid")] = jwt.PyJWK(k)
    return _keys


def now():
    return time.time() + OFFSET


if OFFSET:
    # The host's clock is off: gunicorn's own Date header (it always writes one) shows it too.
    import gunicorn.util

    def _skewed_http_date(timestamp=None):
        return formatdate((time.time() if timestamp is None else timestamp) + OFFSET, usegmt=True)

    gunicorn.util.http_date = _skewed_http_date


def refuse(description, status=401):
    resp = jsonify(error="invalid_token", error_description=description)
    resp.status_code = status
    resp.headers["WWW-Authenticate"] = f'Bearer error="invalid_token", error_description="{description}"'
    return resp


def verify(token):
    """The API's token validation; returns (claims, None) or (None, reason)."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return None, "malformed token"
    if header.get("alg") not in ALGS:
        return None, f"alg {header.get('alg')} not accepted"
    key = keys().get(header.get("kid"))
    if key is None:
        return None, f"no key with kid {header.get('kid')}"
    try:
        claims = jwt.decode(token, key.key, algorithms=ALGS, audience=AUDIENCE, issuer=ISSUER,
                            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False,
                                     "verify_aud": AUDIENCE is not None, "require": []})
    except jwt.InvalidSignatureError:
        return None, "signature verification failed"
    except jwt.InvalidAudienceError:
        return None, "audience not accepted"
    except jwt.InvalidIssuerError:
        return None, "issuer not accepted"
    except jwt.InvalidTokenError as e:
        return None, type(e).__name__
    for c in REQUIRE:
        if c not in claims:
            return None, f"required claim {c} missing"
    t = now()
    if "exp" in claims and claims["exp"] <= t - LEEWAY:
        return None, "token expired"
    if "nbf" in claims and claims["nbf"] > t + LEEWAY:
        return None, "token not yet valid (nbf)"
    if "iat" in claims and claims["iat"] > t + LEEWAY:
        return None, "token issued in the future (iat)"
    return claims, None


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/api/me")
def me():
    auth = request.headers.get("Authorization", "")
    if not auth.lower().startswith("bearer "):
        resp = jsonify(error="unauthorized")
        resp.status_code = 401
        resp.headers["WWW-Authenticate"] = 'Bearer realm="lab-api"'
        return resp
    claims, reason = verify(auth[7:].strip())
    if reason:
        return refuse(reason)
    return jsonify(user=claims.get("sub"), scope=claims.get("scope"))
