# Development: runserver, no proxy
from .base import *  # noqa

DEBUG = True
