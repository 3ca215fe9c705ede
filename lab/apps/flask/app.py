"""The lab's Flask app (run by gunicorn): form/JSON login, a protected page, a token API, logout.

Flask settings come from FLASK_* environment variables (Flask's own `from_prefixed_env`),
e.g. FLASK_SECRET_KEY, FLASK_SESSION_COOKIE_SECURE=true, FLASK_SESSION_COOKIE_SAMESITE=Lax.
The lab's knobs (each case's env files set them):
  LAB_USER, LAB_PASSWORD   the one test user
  LAB_SESSION_STORE        none (Flask's signed cookie only) | redis | memory (per process):
                           with a store, the cookie holds a session id the store must know
  LAB_FORCE_HTTPS=1        redirect http to https, as Flask-Talisman's force_https does
  LAB_PROXY_FIX            ProxyFix arguments, e.g. "x_proto=1,x_host=1,x_prefix=1"
  LAB_LOGOUT               clear (session.clear()) | delete-cookie (delete_cookie(name) only)
  LAB_PROFILE_BYTES        keep a profile (permissions, preferences) of that many hex
                           characters in the session cookie
  LAB_LOGOUT_URL           where the dashboard's logout form posts (default: /logout)
"""
import hashlib
import os
import secrets

from flask import Flask, jsonify, redirect, request, session, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config.from_prefixed_env()
# A development fallback, as many apps have it: without FLASK_SECRET_KEY every process
# invents its own key.
if not app.config.get("SECRET_KEY"):
    app.secret_key = os.urandom(32)

USER = os.environ.get("LAB_USER", "alice")
PASSWORD = os.environ["LAB_PASSWORD"]
STORE = os.environ.get("LAB_SESSION_STORE", "none")
PREFIX = f"lab:{os.environ.get('LAB_CASE', 'flask')}:sess:"

if os.environ.get("LAB_PROXY_FIX"):
    kw = dict(kv.split("=") for kv in os.environ["LAB_PROXY_FIX"].split(","))
    app.wsgi_app = ProxyFix(app.wsgi_app, **{k: int(v) for k, v in kw.items()})

if STORE == "redis":
    import redis

    _redis = redis.Redis.from_url(os.environ["LAB_REDIS_URL"])

    def store_put(sid, user):
        _redis.setex(PREFIX + sid, 3600, user)

    def store_get(sid):
        v = _redis.get(PREFIX + sid)
        return v.decode() if v else None

    def store_delete(sid):
        _redis.delete(PREFIX + sid)

elif STORE == "memory":
    _mem = {}
    store_put = _mem.__setitem__
    store_get = _mem.get

    def store_delete(sid):
        _mem.pop(sid, None)


def current_user():
    if STORE == "none":
        return session.get("user")
    sid = session.get("sid")
    return store_get(sid) if sid else None


def tokens():
    return URLSafeTimedSerializer(app.secret_key, salt="api-token")


@app.before_request
def force_https():
    if os.environ.get("LAB_FORCE_HTTPS") == "1" and not request.is_secure:
        return redirect(request.url.replace("http://", "https://", 1), code=301)


LOGIN_FORM = """<!doctype html><title>Sign in</title><h1>Sign in</h1>{error}
<form method="post" action="">
<label>User <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button>Sign in</button></form>"""


@app.get("/")
def index():
    return redirect(url_for("dashboard"))


@app.get("/login")
def login_form():
    return LOGIN_FORM.format(error="")


@app.post("/login")
def login():
    data = request.get_json(silent=True) if request.is_json else request.form
    if not data or data.get("username") != USER or data.get("password") != PASSWORD:
        if request.is_json:
            return jsonify(error="invalid credentials"), 401
        return LOGIN_FORM.format(error="<p>Invalid credentials</p>"), 401
    session.clear()
    if STORE == "none":
        session["user"] = USER
    else:
        sid = secrets.token_urlsafe(24)
        store_put(sid, USER)
        session["sid"] = sid
    if os.environ.get("LAB_PROFILE_BYTES"):
        n = int(os.environ["LAB_PROFILE_BYTES"])
        blob = "".join(hashlib.sha256(b"%d" % i).hexdigest() for i in range(n // 64 + 1))
        session["profile"] = blob[:n]
    resp = jsonify(user=USER) if request.is_json else redirect(url_for("dashboard"))
    if os.environ.get("LAB_RAW_SET_COOKIE"):
        # A hand-built header, as code that formats its own cookie writes it; "\t" stands for a TAB.
        resp.headers.add("Set-Cookie", os.environ["LAB_RAW_SET_COOKIE"].replace("\\t", "\t"))
    return resp


@app.get("/dashboard")
def dashboard():
    user = current_user()
    if not user:
        return redirect(url_for("login_form"))
    return (f"<!doctype html><title>Dashboard</title><h1>Dashboard</h1><p>Signed in as {user}</p>"
            f'<form method="post" action="{os.environ.get("LAB_LOGOUT_URL") or url_for("logout")}">'
            "<button>Log out</button></form>")


@app.post("/logout")
def logout():
    resp = redirect(url_for("login_form"))
    if os.environ.get("LAB_LOGOUT", "clear") == "delete-cookie":
        # Deletes the cookie, but with Flask's default scope rather than the configured one.
        resp.delete_cookie(app.config["SESSION_COOKIE_NAME"])
        return resp
    if STORE != "none" and session.get("sid"):
        store_delete(session["sid"])
    session.clear()
    return resp


@app.post("/api/token")
def api_token():
    data = request.get_json(silent=True) or {}
    if data.get("username") != USER or data.get("password") != PASSWORD:
        return jsonify(error="invalid credentials"), 401
    return jsonify(token=tokens().dumps(USER), token_type="Bearer")


@app.get("/api/me")
def api_me():
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        try:
            return jsonify(user=tokens().loads(auth[7:], max_age=3600))
        except BadSignature:
            pass
    user = current_user()
    if user:
        return jsonify(user=user)
    resp = jsonify(error="unauthorized")
    resp.status_code = 401
    resp.headers["WWW-Authenticate"] = "Bearer"
    return resp


@app.get("/healthz")
def healthz():
    return "ok"
