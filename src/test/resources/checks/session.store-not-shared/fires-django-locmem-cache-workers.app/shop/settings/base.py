import environ

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
ROOT_URLCONF = "shop.urls"
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
