import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
