bind = "unix:/run/app/gunicorn.sock"
forwarded_allow_ips = "*"
workers = 4
