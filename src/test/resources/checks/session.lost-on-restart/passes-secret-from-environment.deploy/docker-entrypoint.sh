#!/bin/sh
set -e
: "${SECRET_KEY:?set SECRET_KEY in the environment}"
export SECRET_KEY="${SECRET_KEY}"
# a random id per start is fine: it signs nothing
export INSTANCE_ID=$(uuidgen)
exec gunicorn -b 0.0.0.0:8000 app:app
