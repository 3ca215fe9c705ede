import secrets

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
# expect: session.lost-on-restart
app.add_middleware(SessionMiddleware, secret_key=secrets.token_hex(32), https_only=True, same_site="lax")
