"""Production settings: the public origin, scheme included."""
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.sessions", "django.contrib.auth"]
ROOT_URLCONF = "mysite.urls"
ALLOWED_HOSTS = ["app.example.com"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = ["https://app.example.com", "http://localhost:8000"]
