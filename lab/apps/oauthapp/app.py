"""The lab's OAuth client (Flask, run by gunicorn): "Sign in with the lab IdP" by the
authorization-code flow with state, nonce and PKCE (S256) against the lab's OIDC provider.

  GET /login      reads the provider's discovery document, keeps state, nonce and the PKCE
                  verifier in a signed cookie (`oauth_state`), redirects to the authorization
                  endpoint with redirect_uri = url_for("callback", _external=True)
  GET|POST /callback  (query or form_post) checks state against the cookie, redeems the code
                  at the token endpoint, checks the id_token (signature, iss, aud, nonce),
                  sets the session cookie `lab_session` and redirects to /dashboard
  GET /dashboard  "Signed in as USER", or a redirect to /login
Knobs (the case's app.env):
  LAB_IDP_ISSUER         the issuer the app is configured with (its discovery is ISSUER/.well-known/...)
  LAB_CLIENT_ID          the client id (the provider accepts any secret: LAB_CLIENT_SECRET)
  LAB_PROXY_FIX          ProxyFix arguments, e.g. "x_proto=1,x_host=1"
  LAB_REDIRECT_URI       a fixed redirect_uri instead of the one built from the request
  LAB_RESPONSE_MODE      query (default) | form_post
  LAB_STATE_COOKIE_PATH, LAB_STATE_COOKIE_SAMESITE   the state cookie's Path (/) and SameSite (Lax)
  LAB_SECRET_KEY         signs the cookies (a run secret)
  LAB_USER_CLAIM         the id_token claim that names the user (default sub; Keycloak's sub is a
                         UUID, its user name is preferred_username)
  LAB_SESSION_COOKIE_DOMAIN  the session cookie's Domain attribute (none by default: host-only)
Server-side calls to https lab hosts go to 127.0.0.1 with the lab CA (LAB_CA).
"""
import base64
import hashlib
import http.client
import json
import os
import secrets
import ssl
from urllib.parse import urlencode, urlsplit

import jwt
from flask import Flask, abort, make_response, redirect, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
ISSUER = os.environ["LAB_IDP_ISSUER"]
CLIENT_ID = os.environ.get("LAB_CLIENT_ID", "lab-web")
MODE = os.environ.get("LAB_RESPONSE_MODE", "query")
USER_CLAIM = os.environ.get("LAB_USER_CLAIM", "sub")
SIGNER = URLSafeSerializer(os.environ["LAB_SECRET_KEY"], salt="lab-oauth")
if os.environ.get("LAB_PROXY_FIX"):
    kw = dict(kv.split("=") for kv in os.environ["LAB_PROXY_FIX"].split(","))
    app.wsgi_app = ProxyFix(app.wsgi_app, **{k: int(v) for k, v in kw.items()})


def lab_request(method, url, body=None):
    """An https request to a lab host: connects to 127.0.0.1, Host = the lab name."""
    u = urlsplit(url)
    if u.scheme != "https":
        raise OSError(f"refusing a non-https provider URL: {url}")
    ctx = ssl.create_default_context(cafile=os.environ["LAB_CA"])
    ctx.check_hostname = False
    c = http.client.HTTPSConnection("127.0.0.1", u.port or 443, context=ctx, timeout=5)
    headers = {"Host": u.netloc}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        c.request(method, u.path + (f"?{u.query}" if u.query else ""), body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        if r.status != 200:
            raise OSError(f"{url}: HTTP {r.status}: {data[:200]!r}")
        return json.loads(data)
    finally:
        c.close()


def discovery():
    return lab_request("GET", ISSUER.rstrip("/") + "/.well-known/openid-configuration")


def redirect_uri():
    return os.environ.get("LAB_REDIRECT_URI") or url_for("callback", _external=True)


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/")
def index():
    return redirect("/dashboard")


@app.get("/login")
def login():
    d = discovery()
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)  # RFC 7636: 43 to 128 characters
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect_uri(),
              "scope": "openid profile", "state": state, "nonce": nonce,
              "code_challenge": challenge, "code_challenge_method": "S256"}
    if MODE != "query":
        params["response_mode"] = MODE
    resp = redirect(d["authorization_endpoint"] + "?" + urlencode(params))
    resp.set_cookie("oauth_state", SIGNER.dumps([state, nonce, verifier]), max_age=600, secure=True,
                    httponly=True, path=os.environ.get("LAB_STATE_COOKIE_PATH", "/"),
                    samesite=os.environ.get("LAB_STATE_COOKIE_SAMESITE", "Lax"))
    return resp


@app.route("/callback", methods=["GET", "POST"])
def callback():
    args = request.form if request.method == "POST" else request.args
    raw = request.cookies.get("oauth_state")
    if raw is None:
        abort(make_response("login failed: no oauth_state cookie on the callback (state cannot be checked)\n", 400))
    try:
        state, nonce, verifier = SIGNER.loads(raw)
    except BadSignature:
        abort(make_response("login failed: oauth_state cookie is invalid\n", 400))
    if args.get("state") != state:
        abort(make_response("login failed: state does not match\n", 400))
    d = discovery()
    tokens = lab_request("POST", d["token_endpoint"], urlencode({
        "grant_type": "authorization_code", "code": args.get("code", ""), "redirect_uri": redirect_uri(),
        "client_id": CLIENT_ID, "client_secret": os.environ.get("LAB_CLIENT_SECRET", ""),
        "code_verifier": verifier}))
    # signing keys only: a provider's JWKS also lists encryption keys (use=enc, e.g. RSA-OAEP)
    keys = {k["kid"]: jwt.PyJWK(k) for k in lab_request("GET", d["jwks_uri"])["keys"]
            if k.get("use", "sig") == "sig"}
    id_token = tokens["id_token"]
    key = keys.get(jwt.get_unverified_header(id_token).get("kid"))
    try:
        claims = jwt.decode(id_token, key.key if key else "", algorithms=["RS256", "ES256"],
                            audience=CLIENT_ID, issuer=ISSUER, leeway=60)
    except jwt.InvalidTokenError as e:
        abort(make_response(f"login failed: id_token refused ({type(e).__name__})\n", 401))
    if claims.get("nonce") != nonce:
        abort(make_response("login failed: nonce does not match\n", 400))
    resp = redirect("/dashboard")
    resp.set_cookie("lab_session", SIGNER.dumps({"user": claims[USER_CLAIM]}), secure=True, httponly=True,
                    samesite="Lax", path="/", domain=os.environ.get("LAB_SESSION_COOKIE_DOMAIN") or None)
    resp.delete_cookie("oauth_state", path=os.environ.get("LAB_STATE_COOKIE_PATH", "/"))
    return resp


@app.get("/dashboard")
def dashboard():
    try:
        s = SIGNER.loads(request.cookies.get("lab_session", ""))
    except BadSignature:
        return redirect("/login")
    return f"<h1>Dashboard</h1><p>Signed in as {s['user']}</p>\n"
