"""A hostile or odd server for bench/hostile.sh, on 127.0.0.1 only.

  hostile-server.py PORT many N     the login answers with N Set-Cookie lines (c0=1 ...)
  hostile-server.py PORT slow SECS  every answer waits SECS seconds
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, MODE, ARG = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
FORM = b'<form method=post action=/login><input name=email><input name=pw type=password></form>'


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, code, body=b"", headers=()):
        if MODE == "slow":
            time.sleep(ARG)
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer(200, FORM if self.path.startswith("/login") else b"<h1>welcome</h1>")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        cookies = [("Set-Cookie", f"c{i}=1") for i in range(int(ARG))] if MODE == "many" else \
            [("Set-Cookie", "sid=0123456789abcdef0123; Path=/")]
        self.answer(302, b"", cookies + [("Location", "/home")])


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
