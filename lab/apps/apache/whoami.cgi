#!/bin/sh
# The app behind mod_auth_openidc: the user it signed in (REMOTE_USER = preferred_username).
printf 'Content-Type: text/html; charset=utf-8\r\n\r\n'
printf '<!doctype html><title>Dashboard</title><h1>Dashboard</h1><p>Signed in as %s</p>\n' "$REMOTE_USER"
