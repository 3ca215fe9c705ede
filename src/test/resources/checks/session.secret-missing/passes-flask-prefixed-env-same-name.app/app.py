import os

from flask import Flask

app = Flask(__name__)
app.config.from_prefixed_env()
if not app.config.get("SECRET_KEY"):
    app.secret_key = os.urandom(32)
