# Development: runserver behind a local TLS proxy
from .base import *  # noqa

DEBUG = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
