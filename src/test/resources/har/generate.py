"""Writes the hand-made HAR fixtures of this folder: each scenario in Chromium's layout, Firefox's and Safari's, and
expected.json (lost entry, cause entry, kind, ids, exit code). Run: python3 generate.py src/test/resources/har"""
import json, sys, os, copy

APP = "https://app.example.com"
LOGIN_FORM = '<html><form method="post" action="/login"><input name="username"><input type="password" name="password"></form></html>'
DASH = '<html><h1>Dashboard</h1><p>Signed in as alice</p><a href="/logout">Log out</a></html>'
SID = "s3cr3tSessionValue-CANARY-1234567890"
PW = "hunter2-CANARY-pw"
T0 = 1795000000  # not used

def ts(i): return "2026-11-26T10:00:%02d.%03dZ" % (i // 10, (i % 10) * 100)

class S:
    """One scenario: a list of steps (dicts)."""
    def __init__(self): self.steps = []
    def add(self, method, url, status, rtype="document", req=(), res=(), post=None, body="", mime="text/html", site="same-origin", referer=None, cookie=None, initiator=None):
        self.steps.append(dict(method=method, url=url, status=status, rtype=rtype, req=list(req), res=list(res), post=post, body=body, mime=mime, site=site, referer=referer, cookie=cookie, initiator=initiator))
        return self

def redirect_of(res):
    for k, v in res:
        if k.lower() == "location": return v
    return ""

def chrome(s):
    entries = []
    for i, st in enumerate(s.steps):
        req = []
        if st["rtype"] == "document":
            req += [("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document"), ("Sec-Fetch-Site", st["site"])]
        elif st["rtype"] in ("xhr", "fetch"):
            req += [("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty"), ("Sec-Fetch-Site", st["site"])]
        if st["referer"]: req.append(("Referer", st["referer"]))
        if st["cookie"]: req.append(("Cookie", st["cookie"]))
        req += st["req"]
        loc = redirect_of(st["res"])
        red = "" if not loc else (loc if loc.startswith("http") else APP + loc)
        e = {"_initiator": st["initiator"] or ({"type": "other"} if st["rtype"] == "document" else {"type": "script", "url": APP + "/static/app.js"}),
             "_priority": "VeryHigh", "_resourceType": st["rtype"], "cache": {}, "connection": "443", "pageref": "page_1",
             "request": {"method": st["method"], "url": st["url"], "httpVersion": "http/1.1",
                         "headers": [{"name": k, "value": v} for k, v in req], "queryString": [],
                         "cookies": [{"name": c.split("=", 1)[0].strip(), "value": c.split("=", 1)[1], "path": "/", "domain": "app.example.com", "expires": "1969-12-31T23:59:59.999Z", "httpOnly": False, "secure": False} for c in (st["cookie"].split(";") if st["cookie"] else [])],
                         "headersSize": -1, "bodySize": len(st["post"][1]) if st["post"] else 0},
             "response": {"status": st["status"], "statusText": "", "httpVersion": "http/1.1",
                          "headers": [{"name": k, "value": v} for k, v in st["res"]], "cookies": [],
                          "content": {"size": len(st["body"]), "mimeType": st["mime"], "compression": 0, "text": st["body"]},
                          "redirectURL": red, "headersSize": -1, "bodySize": -1, "_transferSize": 500, "_error": None},
             "serverIPAddress": "127.0.0.1", "startedDateTime": ts(i), "time": 12.5,
             "timings": {"blocked": 1, "dns": -1, "ssl": -1, "connect": -1, "send": 0.1, "wait": 10, "receive": 1.4, "_blocked_queueing": 0.5}}
        if st["post"]:
            e["request"]["postData"] = {"mimeType": st["post"][0], "text": st["post"][1]}
        entries.append(e)
    return {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                    "pages": [{"startedDateTime": ts(0), "id": "page_1", "title": s.steps[0]["url"], "pageTimings": {"onContentLoad": 50, "onLoad": 80}}],
                    "entries": entries}}

def firefox(s):
    entries = []
    for i, st in enumerate(s.steps):
        req = [("Host", st["url"].split("/")[2]), ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")]
        if st["rtype"] == "document": req += [("Accept", "text/html,application/xhtml+xml"), ("Sec-Fetch-Dest", "document"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Site", st["site"])]
        elif st["rtype"] in ("xhr", "fetch"): req += [("Accept", "application/json"), ("Sec-Fetch-Dest", "empty"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Site", st["site"])]
        else: req += [("Accept", "*/*"), ("Sec-Fetch-Dest", "script"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Site", st["site"])]
        if st["referer"]: req.append(("Referer", st["referer"]))
        if st["cookie"]: req.append(("Cookie", st["cookie"]))
        req += st["req"]
        # Firefox joins repeated Set-Cookie lines into one header, one line each
        res, sc = [], []
        for k, v in st["res"]:
            if k.lower() == "set-cookie": sc.append(v)
            else: res.append((k, v))
        if sc: res.append(("set-cookie", "\n".join(sc)))
        loc = redirect_of(st["res"])
        red = "" if not loc else (loc if loc.startswith("http") else APP + loc)
        request = {"bodySize": len(st["post"][1]) if st["post"] else 0, "method": st["method"], "url": st["url"], "httpVersion": "HTTP/1.1",
                   "headers": [{"name": k, "value": v} for k, v in req],
                   "cookies": [{"name": c.split("=", 1)[0].strip(), "value": c.split("=", 1)[1]} for c in (st["cookie"].split(";") if st["cookie"] else [])],
                   "queryString": [], "headersSize": 400}
        if st["post"]:
            mime, text = st["post"]
            pd = {"mimeType": mime, "params": [], "text": text}
            if mime.startswith("application/x-www-form-urlencoded"):
                pd["params"] = [{"name": p.split("=", 1)[0], "value": p.split("=", 1)[1]} for p in text.split("&")]
            request["postData"] = pd
        e = {"pageref": "page_1", "startedDateTime": ts(i).replace("Z", "+00:00"), "request": request,
             "response": {"status": st["status"], "statusText": "OK", "httpVersion": "HTTP/1.1",
                          "headers": [{"name": k, "value": v} for k, v in res], "cookies": [],
                          "content": {"mimeType": st["mime"], "size": len(st["body"]), "text": st["body"]},
                          "redirectURL": red, "headersSize": 300, "bodySize": len(st["body"])},
             "cache": {}, "timings": {"blocked": 0, "dns": 0, "connect": 0, "ssl": 0, "send": 0, "wait": 12, "receive": 0},
             "time": 12, "_securityState": "secure", "serverIPAddress": "127.0.0.1", "connection": "443"}
        entries.append(e)
    return {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "128.0"}, "browser": {"name": "Firefox", "version": "128.0"},
                    "pages": [{"id": "page_1", "pageTimings": {"onContentLoad": 50, "onLoad": 80}, "startedDateTime": ts(0), "title": "Sign in"}],
                    "entries": entries}}

def safari(s):
    """Safari (WebKit Web Inspector): no Chromium extensions, no Fetch Metadata, page titles that are not URLs,
    fields in its own order, and optional fields (cache, queryString, redirectURL) missing."""
    entries = []
    for i, st in enumerate(s.steps):
        req = [("Accept", "text/html,application/xhtml+xml" if st["rtype"] == "document" else "*/*"),
               ("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15")]
        if st["referer"]: req.append(("Referer", st["referer"]))
        if st["cookie"]: req.append(("Cookie", st["cookie"]))
        req += st["req"]
        request = {"method": st["method"], "url": st["url"], "httpVersion": "HTTP/1.1", "cookies": [],
                   "headers": [{"name": k, "value": v} for k, v in req], "headersSize": -1, "bodySize": -1}
        if st["post"]:
            request["postData"] = {"mimeType": st["post"][0], "text": st["post"][1]}
        response = {"status": st["status"], "statusText": "", "httpVersion": "HTTP/1.1", "cookies": [],
                    "headers": [{"name": k, "value": v} for k, v in st["res"]],
                    "content": {"size": len(st["body"]), "compression": 0, "mimeType": st["mime"], "text": st["body"]},
                    "headersSize": -1, "bodySize": -1}
        e = {"pageref": "page_0", "startedDateTime": ts(i).replace("Z", "-00:00"), "time": 12, "request": request,
             "response": response, "timings": {"send": 0, "wait": 12, "receive": 0}, "_fetchType": "Network Load"}
        entries.append(e)
    return {"log": {"version": "1.2", "creator": {"name": "WebKit Web Inspector", "version": "1.0"},
                    "pages": [{"id": "page_0", "title": "Sign in", "startedDateTime": ts(0), "pageTimings": {}}],
                    "entries": entries}}

DATE = ("Date", "Thu, 26 Nov 2026 10:00:00 GMT")
LOGIN_POST = ("application/x-www-form-urlencoded", "username=alice&password=" + PW)

def login(s, setcookie, status=302, loc="/dashboard", body="", extra=()):
    s.add("GET", APP + "/login", 200, site="none", res=[("Content-Type", "text/html"), DATE], body=LOGIN_FORM)
    res = [("Location", loc)] if status in (301, 302, 303) else []
    if setcookie: res.append(("Set-Cookie", setcookie))
    res += list(extra) + [DATE]
    s.add("POST", APP + "/login", status, req=[("Origin", APP)], referer=APP + "/login", post=LOGIN_POST, res=res, body=body)
    return s

GOOD = "session=" + SID + "; Path=/; Secure; HttpOnly; SameSite=Lax"
C = "session=" + SID

def scenarios():
    out = {}
    s = login(S(), "session=" + SID + "; Path=/; HttpOnly; SameSite=None")
    s.add("GET", APP + "/dashboard", 302, referer=APP + "/login", res=[("Location", "/login?next=/dashboard"), DATE])
    s.add("GET", APP + "/login?next=/dashboard", 200, referer=APP + "/login", res=[DATE], body=LOGIN_FORM)
    out["never-established-samesite-none"] = (s, dict(lost=(2, 1, "session-never-established"), ids=["cookie.samesite-none-insecure"], exit=1))

    s = login(S(), GOOD)
    s.add("GET", APP + "/dashboard", 200, referer=APP + "/login", cookie=C, res=[DATE], body=DASH)
    s.add("GET", APP + "/settings", 302, referer=APP + "/dashboard", cookie=C, res=[("Location", "http://app.example.com/settings"), DATE])
    s.add("GET", "http://app.example.com/settings", 302, referer=APP + "/dashboard", res=[("Location", "/login?next=/settings"), DATE])
    s.add("GET", "http://app.example.com/login?next=/settings", 200, referer=APP + "/dashboard", res=[DATE], body=LOGIN_FORM)
    out["dropped-https-downgrade"] = (s, dict(lost=(4, 3, "session-dropped"), ids=["redirect.https-downgrade", "cookie.secure-over-http"], exit=1))

    s = S()
    s.add("GET", APP + "/login", 200, site="none", res=[("Content-Type", "text/html"), ("Set-Cookie", "csrftoken=Tok3nValue0123456789abcdef; Path=/; SameSite=Lax; Secure"), DATE], body=LOGIN_FORM)
    s.add("POST", APP + "/login", 403, req=[("Origin", "https://www.example.com")], referer=APP + "/login", cookie="csrftoken=Tok3nValue0123456789abcdef",
          post=("application/x-www-form-urlencoded", "csrfmiddlewaretoken=Tok3nValue0123456789abcdef&username=alice&password=" + PW),
          res=[("Content-Type", "text/html"), DATE], body="<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p><p>Origin checking failed - https://www.example.com does not match any trusted origins.</p>")
    out["login-failed-csrf-origin"] = (s, dict(lost=(1, 1, "login-failed"), ids=["csrf.origin-untrusted"], exit=1))

    # an expired access token refused by the API
    import base64
    def b64(o): return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).rstrip(b"=").decode()
    jwt = b64({"alg": "RS256", "kid": "k1", "typ": "JWT"}) + "." + b64({"iss": "https://login.example.com", "aud": "api", "sub": "alice", "iat": 1795683600, "exp": 1795684200}) + ".c2lnbmF0dXJlLUNBTkFSWS1zaWduYXR1cmU"
    s = S()
    s.add("GET", APP + "/", 200, site="none", res=[DATE], body="<html><div id=app></div></html>")
    s.add("GET", "https://api.example.com/me", 200, rtype="fetch", site="same-site", referer=APP + "/", req=[("Origin", APP), ("Authorization", "Bearer " + jwt)],
          res=[("Content-Type", "application/json"), ("Access-Control-Allow-Origin", APP), ("Vary", "Origin"), ("Date", "Thu, 26 Nov 2026 10:00:00 GMT")], body='{"user":"alice"}', mime="application/json")
    s.add("GET", "https://api.example.com/orders", 401, rtype="fetch", site="same-site", referer=APP + "/", req=[("Origin", APP), ("Authorization", "Bearer " + jwt)],
          res=[("WWW-Authenticate", 'Bearer error="invalid_token", error_description="The token expired"'), ("Access-Control-Allow-Origin", APP), ("Vary", "Origin"), ("Date", "Thu, 26 Nov 2026 10:20:00 GMT")], body='{"error":"token expired"}', mime="application/json")
    out["token-rejected-expired"] = (s, dict(lost=(2, 1, "token-rejected"), ids=["jwt.expired"], exit=1))

    s = login(S(), GOOD)
    s.add("GET", APP + "/dashboard", 200, referer=APP + "/login", cookie=C, res=[DATE], body=DASH)
    s.add("POST", APP + "/logout", 302, referer=APP + "/dashboard", cookie=C, req=[("Origin", APP)], post=("application/x-www-form-urlencoded", "x=1"), res=[("Location", "/"), DATE])
    s.add("GET", APP + "/", 200, referer=APP + "/dashboard", cookie=C, res=[DATE], body="<html>Welcome</html>")
    s.add("GET", APP + "/dashboard", 200, site="none", cookie=C, res=[DATE], body=DASH)
    out["survives-logout"] = (s, dict(lost=(5, 5, "session-survives-logout"), ids=["session.logout-not-invalidated"], exit=1))

    s = login(S(), GOOD)
    s.add("GET", APP + "/dashboard", 200, referer=APP + "/login", cookie=C, res=[DATE], body=DASH)
    s.add("GET", APP + "/account", 200, referer=APP + "/dashboard", cookie=C,
          res=[("Set-Cookie", "session=0therUsersSessionValue-9876543210; Path=/; Secure; HttpOnly; SameSite=Lax"), ("X-Cache", "HIT"), ("Age", "42"), DATE], body=DASH)
    out["foreign-session-cached"] = (s, dict(lost=(3, 3, "foreign-session"), ids=["proxy.set-cookie-cached"], exit=1))

    s = login(S(), GOOD)
    s.add("GET", APP + "/dashboard", 200, referer=APP + "/login", cookie=C, res=[DATE], body=DASH)
    s.add("GET", APP + "/reports", 302, referer=APP + "/dashboard", cookie=C, res=[("Location", "/login?next=/reports"), DATE])
    s.add("GET", APP + "/login?next=/reports", 200, referer=APP + "/dashboard", cookie=C, res=[DATE], body=LOGIN_FORM)
    out["unexplained-server-forgot"] = (s, dict(lost=(3, None, "session-dropped"), ids=[], exit=3))

    s = login(S(), GOOD)
    s.add("GET", APP + "/dashboard", 200, referer=APP + "/login", cookie=C, res=[DATE], body=DASH)
    s.add("GET", APP + "/reports", 302, referer=APP + "/dashboard", res=[("Location", "/login?next=/reports"), DATE])
    s.add("GET", APP + "/login?next=/reports", 200, referer=APP + "/dashboard", res=[DATE], body=LOGIN_FORM)
    out["unexplained-browser-withheld"] = (s, dict(lost=(3, None, "session-dropped"), ids=[], exit=3))

    s = login(S(), GOOD)
    s.add("GET", APP + "/dashboard", 200, referer=APP + "/login", cookie=C + "; theme=dark-CANARY-js", res=[DATE], body=DASH)
    s.add("GET", APP + "/api/me", 200, rtype="xhr", referer=APP + "/dashboard", cookie=C + "; theme=dark-CANARY-js",
          res=[("Content-Type", "application/json"), DATE], body='{"user":"alice"}', mime="application/json")
    out["healthy-script-cookie"] = (s, dict(lost=None, ids=[], exit=0))

    s = login(S(), GOOD)
    s.add("GET", APP + "/dashboard", 200, referer=APP + "/login", cookie=C, res=[("Strict-Transport-Security", "max-age=31536000"), DATE], body=DASH)
    s.add("GET", APP + "/static/app.js", 200, rtype="script", referer=APP + "/dashboard", cookie=C, res=[DATE], body="console.log(1)", mime="application/javascript")
    s.add("GET", APP + "/api/me", 200, rtype="xhr", referer=APP + "/dashboard", cookie=C, res=[("Content-Type", "application/json"), DATE], body='{"user":"alice"}', mime="application/json")
    s.add("POST", APP + "/logout", 302, referer=APP + "/dashboard", cookie=C, req=[("Origin", APP)], post=("application/x-www-form-urlencoded", "x=1"),
          res=[("Location", "/login"), ("Set-Cookie", "session=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0"), DATE])
    s.add("GET", APP + "/login", 200, referer=APP + "/dashboard", res=[DATE], body=LOGIN_FORM)
    s.add("GET", APP + "/dashboard", 302, site="none", res=[("Location", "/login"), DATE])
    out["healthy"] = (s, dict(lost=None, ids=[], exit=0))
    return out

def sanitize_like_browser(h):
    h = copy.deepcopy(h)
    for e in h["log"]["entries"]:
        for part in ("request", "response"):
            e[part]["headers"] = [x for x in e[part]["headers"] if x["name"].lower() not in ("cookie", "set-cookie", "authorization")]
            e[part]["cookies"] = []
    return h

if __name__ == "__main__":
    root = sys.argv[1]
    os.makedirs(root, exist_ok=True)
    exp = {}
    for name, (s, e) in scenarios().items():
        for layout, fn in (("chrome", chrome), ("firefox", firefox), ("safari", safari)):
            with open(os.path.join(root, f"{layout}-{name}.har"), "w") as f: json.dump(fn(s), f, indent=1)
        exp[name] = e
    s, e = scenarios()["never-established-samesite-none"]
    with open(os.path.join(root, "chrome-never-established-samesite-none.sanitized.har"), "w") as f: json.dump(sanitize_like_browser(chrome(s)), f, indent=1)
    json.dump(exp, open(os.path.join(root, "expected.json"), "w"), indent=1)
