"""Django's own admin site (django.contrib.admin, with auth, sessions and messages), run by
gunicorn (DJANGO_SETTINGS_MODULE=adminsite, WSGI callable `application`). Its database is one
SQLite file per case (LAB_CASE_DIR/admin.sqlite3), migrated at start, with the superuser LAB_USER
whose password is LAB_PASSWORD. Sign in at /admin/login/; the admin's index is /admin/.

Settings from the environment, named like the setting they fill: DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS=a,b, DJANGO_CSRF_TRUSTED_ORIGINS=a,b, DJANGO_SECURE_PROXY_SSL_HEADER=
HTTP_X_FORWARDED_PROTO,https, DJANGO_SESSION_COOKIE_SECURE / DJANGO_CSRF_COOKIE_SECURE=true.
"""
import os

env = os.environ


def items(name):
    return [v for v in env.get(name, "").split(",") if v]


SECRET_KEY = env["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = items("DJANGO_ALLOWED_HOSTS")
ROOT_URLCONF = "adminsite"
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth",
                                                 "django.contrib.messages.context_processors.messages"]}}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.path.join(env["LAB_CASE_DIR"], "admin.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
STATIC_URL = "/static/"
SESSION_COOKIE_SECURE = env.get("DJANGO_SESSION_COOKIE_SECURE") == "true"
CSRF_COOKIE_SECURE = env.get("DJANGO_CSRF_COOKIE_SECURE") == "true"
CSRF_TRUSTED_ORIGINS = items("DJANGO_CSRF_TRUSTED_ORIGINS")
if env.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = tuple(env["DJANGO_SECURE_PROXY_SSL_HEADER"].split(","))
USE_TZ = True
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}

import django  # noqa: E402

django.setup()  # the settings above are this module's own
from django.contrib import admin  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", lambda request: HttpResponse("ok\n", content_type="text/plain")),
]

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0, interactive=False)
_users = get_user_model().objects
if not _users.filter(username=env["LAB_USER"]).exists():
    _users.create_superuser(env["LAB_USER"], f"{env['LAB_USER']}@lab.test", env["LAB_PASSWORD"])

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
