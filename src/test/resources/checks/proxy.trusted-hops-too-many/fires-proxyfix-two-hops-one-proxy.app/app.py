from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config.from_prefixed_env()
# written for a load balancer that was since removed: only nginx is in front now
# expect: proxy.trusted-hops-too-many
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=2, x_host=2)
