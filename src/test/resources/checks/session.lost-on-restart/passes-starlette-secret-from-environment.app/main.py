import os

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

middleware = [Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"], https_only=True)]
app = FastAPI(middleware=middleware)
