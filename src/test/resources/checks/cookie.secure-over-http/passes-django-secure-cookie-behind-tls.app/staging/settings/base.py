import environ

env = environ.Env()

INSTALLED_APPS = ["django.contrib.sessions"]
ROOT_URLCONF = "staging.urls"
SECRET_KEY = env("DJANGO_SECRET_KEY")
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
