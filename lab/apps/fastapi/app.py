"""The lab's FastAPI app (run by uvicorn): form/JSON login, a protected page, an API, logout.

Sessions: a random session id in an HttpOnly cookie, the user kept in Redis (or in this
process's memory). Redirects are built with request.url_for (absolute, from the scheme and
host the app believes it serves), as Starlette apps usually do. Environment:
  LAB_USER, LAB_PASSWORD
  LAB_SESSION_STORE         redis | memory | starlette (Starlette's own SessionMiddleware: the
                            user in a signed `session` cookie, SESSION_SECRET; logout clears the
                            session, which Starlette answers with `Set-Cookie: session=null; …`)
  COOKIE_NAME, COOKIE_SECURE, COOKIE_HTTPONLY, COOKIE_SAMESITE, COOKIE_DOMAIN, COOKIE_PATH
  LAB_FORCE_HTTPS=1         Starlette's HTTPSRedirectMiddleware
  CORS_ALLOW_ORIGINS        comma-separated, or *; with CORS_ALLOW_CREDENTIALS=true|false
  LAB_LOGIN_RESPONSE        returned (cookie set on the returned response) |
                            injected (cookie set on the injected Response, then a new
                            RedirectResponse is returned: the cookie is lost)
uvicorn's own FORWARDED_ALLOW_IPS decides whose X-Forwarded-Proto it believes.
"""
import os
import secrets

from fastapi import FastAPI, Form, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware

env = os.environ
USER = env.get("LAB_USER", "alice")
PASSWORD = env["LAB_PASSWORD"]
COOKIE = env.get("COOKIE_NAME", "session_id")
PREFIX = f"lab:{env.get('LAB_CASE', 'fastapi')}:sess:"


def flag(name, default=False):
    return env.get(name, str(default)).lower() in ("1", "true", "yes")


COOKIE_OPTS = dict(
    secure=flag("COOKIE_SECURE"), httponly=flag("COOKIE_HTTPONLY", True),
    samesite=env.get("COOKIE_SAMESITE", "lax"), domain=env.get("COOKIE_DOMAIN") or None,
    path=env.get("COOKIE_PATH", "/"))

if env.get("LAB_SESSION_STORE", "redis") == "redis":
    import redis

    _redis = redis.Redis.from_url(env["LAB_REDIS_URL"])

    def store_put(sid, user):
        _redis.setex(PREFIX + sid, 3600, user)

    def store_get(sid):
        v = _redis.get(PREFIX + sid)
        return v.decode() if v else None

    def store_delete(sid):
        _redis.delete(PREFIX + sid)
else:
    _mem = {}
    store_put = _mem.__setitem__
    store_get = _mem.get

    def store_delete(sid):
        _mem.pop(sid, None)

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
if flag("LAB_FORCE_HTTPS"):
    app.add_middleware(HTTPSRedirectMiddleware)
if env.get("CORS_ALLOW_ORIGINS"):
    app.add_middleware(CORSMiddleware, allow_origins=env["CORS_ALLOW_ORIGINS"].split(","),
                       allow_credentials=flag("CORS_ALLOW_CREDENTIALS"),
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type"])


STARLETTE = env.get("LAB_SESSION_STORE") == "starlette"
if STARLETTE:
    from starlette.middleware.sessions import SessionMiddleware

    app.add_middleware(SessionMiddleware, secret_key=env["SESSION_SECRET"], https_only=flag("COOKIE_SECURE"),
                       same_site=env.get("COOKIE_SAMESITE", "lax"))


def current_user(request: Request):
    if STARLETTE:
        return request.session.get("user")
    sid = request.cookies.get(COOKIE)
    return store_get(sid) if sid else None


LOGIN_FORM = """<!doctype html><title>Sign in</title><h1>Sign in</h1>{error}
<form method="post" action="">
<label>User <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button>Sign in</button></form>"""


@app.get("/healthz", response_class=PlainTextResponse)
def healthz():
    return "ok\n"


@app.get("/")
def index(request: Request):
    return RedirectResponse(request.url_for("dashboard"), status_code=302)


@app.get("/login", response_class=HTMLResponse)
def login_form():
    return LOGIN_FORM.format(error="")


def start_session():
    sid = secrets.token_urlsafe(24)
    store_put(sid, USER)
    return sid


@app.post("/login")
def login(request: Request, response: Response, username: str = Form(""), password: str = Form("")):
    if username != USER or password != PASSWORD:
        return HTMLResponse(LOGIN_FORM.format(error="<p>Invalid credentials</p>"), status_code=401)
    if STARLETTE:
        request.session["user"] = USER
        return RedirectResponse(request.url_for("dashboard"), status_code=303)
    if env.get("LAB_LOGIN_RESPONSE") == "injected":
        # FastAPI merges the injected Response's cookies only into responses it builds itself:
        # the RedirectResponse returned below goes out without this cookie.
        response.set_cookie(COOKIE, start_session(), **COOKIE_OPTS)
        return RedirectResponse(request.url_for("dashboard"), status_code=303)
    redirect = RedirectResponse(request.url_for("dashboard"), status_code=303)
    redirect.set_cookie(COOKIE, start_session(), **COOKIE_OPTS)
    return redirect


@app.post("/api/login")
async def api_login(request: Request):
    data = await request.json()
    if data.get("username") != USER or data.get("password") != PASSWORD:
        return JSONResponse({"error": "invalid credentials"}, status_code=401)
    resp = JSONResponse({"user": USER})
    resp.set_cookie(COOKIE, start_session(), **COOKIE_OPTS)
    return resp


@app.get("/dashboard")
def dashboard(request: Request):
    user = current_user(request)
    if not user:
        return RedirectResponse(request.url_for("login_form"), status_code=302)
    return HTMLResponse(
        f"<!doctype html><title>Dashboard</title><h1>Dashboard</h1><p>Signed in as {user}</p>"
        '<form method="post" action="/logout"><button>Log out</button></form>')


@app.get("/api/me")
def api_me(request: Request):
    user = current_user(request)
    if not user:
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    return {"user": user}


@app.post("/logout")
def logout(request: Request):
    if STARLETTE:
        request.session.clear()
        return RedirectResponse(request.url_for("login_form"), status_code=303)
    sid = request.cookies.get(COOKIE)
    if sid:
        store_delete(sid)
    resp = RedirectResponse(request.url_for("login_form"), status_code=303)
    resp.delete_cookie(COOKIE, path=COOKIE_OPTS["path"], domain=COOKIE_OPTS["domain"],
                       secure=COOKIE_OPTS["secure"], httponly=COOKIE_OPTS["httponly"],
                       samesite=COOKIE_OPTS["samesite"])
    return resp
