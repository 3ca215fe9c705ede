# gunicorn settings of the Flask instance.
# The session secret is generated when gunicorn starts, so that no secret is ever committed.
import secrets

raw_env = ["FLASK_SECRET_KEY=" + secrets.token_hex(32)]
workers = 1
