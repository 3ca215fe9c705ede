#!/bin/sh
set -e
# expect: session.lost-on-restart
export SECRET_KEY=$(openssl rand -hex 32)
exec gunicorn -b 0.0.0.0:8000 app:app
