from .base import *  # noqa

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# the cache sessions are kept in: one per process
# expect: session.store-not-shared
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
