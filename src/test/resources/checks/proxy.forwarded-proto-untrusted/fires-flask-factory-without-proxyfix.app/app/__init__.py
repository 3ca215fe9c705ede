import os

from flask import Flask


def create_app():
    # expect: proxy.forwarded-proto-untrusted
    app = Flask(__name__)
    app.config.from_object(config[os.environ.get("APP_ENV", "production")])
    if app.debug:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)
    return app


from .config import config  # noqa: E402
