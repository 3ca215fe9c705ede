"""The lab's Django site in one file: settings, URLs and views (run by gunicorn,
DJANGO_SETTINGS_MODULE=labsite, WSGI callable `application`).

Settings come from DJANGO_* environment variables named like the setting they fill
(DJANGO_SECRET_KEY, DJANGO_SESSION_COOKIE_SECURE=true, DJANGO_CSRF_TRUSTED_ORIGINS=a,b, ...).
The lab's own knobs: LAB_USER, LAB_PASSWORD, LAB_CACHE (redis | locmem: where the cache
session engine keeps sessions), LAB_FORM_CSRF=0 (the login form leaves out the CSRF token).
"""
import html
import os

env = os.environ


def flag(name, default=False):
    return env.get(name, str(default)).lower() in ("1", "true", "yes", "on")


def items(name):
    return [v for v in env.get(name, "").split(",") if v]


# ---------------------------------------------------------------- settings
SECRET_KEY = env.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = items("DJANGO_ALLOWED_HOSTS")
ROOT_URLCONF = "labsite"
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
DATABASES = {}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
if env.get("LAB_CACHE", "redis") == "redis":
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                          "LOCATION": env.get("LAB_REDIS_URL", "redis://127.0.0.1:18990/0"),
                          "KEY_PREFIX": "lab:" + env.get("LAB_CASE", "django")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_COOKIE_SECURE = flag("DJANGO_SESSION_COOKIE_SECURE")
SESSION_COOKIE_HTTPONLY = flag("DJANGO_SESSION_COOKIE_HTTPONLY", True)
SESSION_COOKIE_SAMESITE = env.get("DJANGO_SESSION_COOKIE_SAMESITE", "Lax")
SESSION_COOKIE_DOMAIN = env.get("DJANGO_SESSION_COOKIE_DOMAIN") or None
SESSION_COOKIE_PATH = env.get("DJANGO_SESSION_COOKIE_PATH", "/")
CSRF_COOKIE_SECURE = flag("DJANGO_CSRF_COOKIE_SECURE")
CSRF_TRUSTED_ORIGINS = items("DJANGO_CSRF_TRUSTED_ORIGINS")
if env.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = tuple(env["DJANGO_SECURE_PROXY_SSL_HEADER"].split(","))
SECURE_SSL_REDIRECT = flag("DJANGO_SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
USE_X_FORWARDED_HOST = flag("DJANGO_USE_X_FORWARDED_HOST")
USE_TZ = True
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}

USER = env.get("LAB_USER", "alice")
PASSWORD = env.get("LAB_PASSWORD", "")

# ---------------------------------------------------------------- views
from django.http import HttpResponse, HttpResponseRedirect  # noqa: E402
from django.middleware.csrf import get_token  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402


def login_page(request, error=""):
    token = ""
    if flag("LAB_FORM_CSRF", True):
        token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{html.escape(get_token(request))}">'
    return ("<!doctype html><title>Sign in</title><h1>Sign in</h1>" + error
            + '<form method="post" action="">' + token
            + '<label>User <input name="username" autocomplete="username"></label>'
            + '<label>Password <input name="password" type="password"></label>'
            + "<button>Sign in</button></form>")


def login(request):
    if request.method == "POST":
        if request.POST.get("username") == USER and request.POST.get("password") == PASSWORD:
            request.session.cycle_key()
            request.session["user"] = USER
            return HttpResponseRedirect("/dashboard")
        return HttpResponse(login_page(request, "<p>Invalid credentials</p>"), status=401)
    return HttpResponse(login_page(request))


def dashboard(request):
    user = request.session.get("user")
    if not user:
        return HttpResponseRedirect("/login")
    return HttpResponse(
        "<!doctype html><title>Dashboard</title><h1>Dashboard</h1>"
        f"<p>Signed in as {html.escape(user)}</p>"
        '<form method="post" action="/logout"><input type="hidden" name="csrfmiddlewaretoken" '
        f'value="{html.escape(get_token(request))}"><button>Log out</button></form>')


@require_POST
def logout(request):
    request.session.flush()
    return HttpResponseRedirect("/login")


def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [
    path("login", login),
    path("dashboard", dashboard),
    path("logout", logout),
    path("healthz", healthz),
    path("", lambda request: HttpResponseRedirect("/dashboard")),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
