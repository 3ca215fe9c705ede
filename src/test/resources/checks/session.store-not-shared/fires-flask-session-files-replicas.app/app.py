import os

from flask import Flask
from flask_session import Session

app = Flask(__name__)
app.config.from_object(os.environ.get("APP_CONFIG", "config.DevConfig"))
Session(app)
