"""The lab's notebook-hub login (Flask, run by gunicorn), shaped like JupyterHub's: two cookies, of
which only one is the session.

  GET  /hub/login   the login form
  POST /hub/login   checks the password, then sets
                      hub-session-id  an opaque 32-hex id (Path=/), recorded in the hub's database;
                                      it only ties the browser's activity together: no login state
                      hub-hub-login   the login itself: "user|issued|HMAC-SHA256" signed with the
                                      instance's COOKIE_SECRET, scoped to Path=/hub/
                    and redirects to /hub/home
  GET  /hub/home    "Signed in as USER" when hub-hub-login verifies, else a redirect to /hub/login
  POST /hub/logout  clears both cookies and forgets the session id
Knobs (the case's env files): COOKIE_SECRET (each instance's own, or one shared by all: the cookie
secret is what instances must share), LAB_USER, LAB_PASSWORD; the database is one SQLite file per
case (LAB_CASE_DIR/hub.sqlite), shared by all instances of the case.
"""
import hashlib
import hmac
import html
import os
import secrets
import sqlite3
import time

from flask import Flask, make_response, redirect, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1, x_host=1)
SECRET = os.environ["COOKIE_SECRET"].encode()
USER = os.environ.get("LAB_USER", "alice")
PASSWORD = os.environ["LAB_PASSWORD"]
DB = os.path.join(os.environ["LAB_CASE_DIR"], "hub.sqlite")
LOGIN_COOKIE, SESSION_COOKIE = "hub-hub-login", "hub-session-id"
MAX_AGE = 14 * 24 * 3600


def db():
    c = sqlite3.connect(DB, timeout=5)
    c.execute("create table if not exists sessions (id text primary key, user text, seen real)")
    return c


def sign(user):
    value = f"{user}|{int(time.time())}"
    mac = hmac.new(SECRET, value.encode(), hashlib.sha256).hexdigest()
    return f"{value}|{mac}"


def verified_user():
    parts = request.cookies.get(LOGIN_COOKIE, "").split("|")
    if len(parts) != 3:
        return None
    user, issued, mac = parts
    want = hmac.new(SECRET, f"{user}|{issued}".encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, want) or int(issued) + MAX_AGE < time.time():
        return None
    return user


def form(error=""):
    return (f"<!doctype html><title>Sign in</title><h1>Sign in to the hub</h1>{error}"
            '<form method="post" action="/hub/login"><label>Username <input name="username"></label>'
            '<label>Password <input name="password" type="password"></label><button>Sign in</button></form>')


@app.get("/healthz")
def healthz():
    return "ok\n"


@app.get("/")
def root():
    return redirect("/hub/home")


@app.get("/hub/login")
def login_page():
    return form()


@app.post("/hub/login")
def login():
    if request.form.get("username") != USER or request.form.get("password") != PASSWORD:
        return form("<p>Invalid username or password</p>"), 403
    sid = secrets.token_hex(16)
    with db() as c:
        c.execute("insert into sessions values (?, ?, ?)", (sid, USER, time.time()))
    r = make_response(redirect("/hub/home", 302))
    r.set_cookie(SESSION_COOKIE, sid, path="/", secure=True, httponly=True, samesite="Lax")
    r.set_cookie(LOGIN_COOKIE, sign(USER), path="/hub/", max_age=MAX_AGE, secure=True, httponly=True,
                 samesite="Lax")
    return r


@app.get("/hub/home")
def home():
    user = verified_user()
    if not user:
        return redirect("/hub/login?next=%2Fhub%2Fhome", 302)
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        with db() as c:
            c.execute("update sessions set seen = ? where id = ?", (time.time(), sid))
    return (f"<!doctype html><title>Home</title><h1>Home</h1><p>Signed in as {html.escape(user)}</p>"
            '<form method="post" action="/hub/logout"><button>Log out</button></form>')


@app.post("/hub/logout")
def logout():
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        with db() as c:
            c.execute("delete from sessions where id = ?", (sid,))
    r = make_response(redirect("/hub/login", 303))
    r.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="Lax")
    r.delete_cookie(LOGIN_COOKIE, path="/hub/", secure=True, httponly=True, samesite="Lax")
    return r
