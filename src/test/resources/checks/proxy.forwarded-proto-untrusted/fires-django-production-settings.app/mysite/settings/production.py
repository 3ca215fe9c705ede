# Production: the settings module the deployment selects
# expect: proxy.forwarded-proto-untrusted
from .base import *  # noqa

DEBUG = False
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
