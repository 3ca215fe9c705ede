#!/usr/bin/env bash
# Whole-command benchmark: `authdoctor har` of a generated HAR file next to `jq` reading the same file
# (the manual playbook: list every entry's status and Set-Cookie lines), in one run: wall and CPU time
# (user + system: the fairer number on a shared machine), MB/s of each, and peak RSS (`/usr/bin/time -v`), at a small file and a large one to show memory stays flat in file size.
#   bench/har-vs-jq.sh [MB] [N]        (default: 500 MB, N=1 run of each; the small file is MB/10)
# The recording is a user's session: a sign-in, then page loads, each a document, two API calls and a
# dozen static resources (scripts, styles, images with base64 bodies), the session cookie on every request;
# near the end the session is dropped (a redirect to the login page), so the whole file must be read.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-500}
n=${2:-1}
[[ "$mb" =~ ^[0-9]+$ && "$n" =~ ^[0-9]+$ ]] || { echo "usage: bench/har-vs-jq.sh [MB] [N]" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench/har-vs-jq.sh: jq is not installed (apt-get install jq)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench/har-vs-jq.sh: /usr/bin/time is not installed (apt-get install time)" >&2; exit 2; }
cd "$here"
./authdoctor --version >/dev/null          # builds the jar (and its start-up cache) when needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() {  # generate FILE MB: a deterministic recording of about MB megabytes, written as it goes
  /usr/bin/python3 - "$1" "$2" <<'PY'
import base64, json, random, sys
path, target = sys.argv[1], int(sys.argv[2]) * 1_000_000
rnd = random.Random(17)
app = "https://app.example.com"
sid = "bench-session-" + "%032x" % rnd.getrandbits(128)
form = '<form method="post" action="/login"><input name="username"><input type="password" name="password"></form>'
def h(pairs): return [{"name": k, "value": v} for k, v in pairs]
def entry(t, method, url, status, rtype, req, res, mime, body, enc=None, post=None, redirect=""):
    content = {"size": len(body), "mimeType": mime, "text": body}
    if enc: content["encoding"] = enc
    e = {"_initiator": {"type": "other"} if rtype == "document" else {"type": "parser", "url": app + "/"},
         "_resourceType": rtype, "cache": {}, "pageref": "page_1", "startedDateTime": t, "time": 20.5,
         "request": {"method": method, "url": url, "httpVersion": "http/1.1", "headers": h(req), "queryString": [],
                     "cookies": [], "headersSize": -1, "bodySize": 0},
         "response": {"status": status, "statusText": "", "httpVersion": "http/1.1", "headers": h(res), "cookies": [],
                      "content": content, "redirectURL": redirect, "headersSize": -1, "bodySize": len(body)},
         "timings": {"send": 0.1, "wait": 19, "receive": 1.4}}
    if post: e["request"]["postData"] = {"mimeType": "application/x-www-form-urlencoded", "text": post}
    return e
def ts(i): return "2026-11-26T%02d:%02d:%02d.%03dZ" % (8 + i // 3_600_000, i // 60_000 % 60, i // 1000 % 60, i % 1000)
nav = [("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document"), ("Sec-Fetch-Site", "same-origin"), ("Referer", app + "/")]
date = ("Date", "Thu, 26 Nov 2026 08:00:00 GMT")
blob = base64.b64encode(bytes(rnd.getrandbits(8) for _ in range(30_000))).decode()
script = "/* bundle */\n" + "function f(a){return a+1}\n" * 600
with open(path, "w") as out:
    out.write('{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": '
              '[{"startedDateTime": "2026-11-26T08:00:00.000Z", "id": "page_1", "title": "%s/", "pageTimings": {}}], '
              '"entries": [\n' % app)
    i, size, first = 0, 0, True
    def put(e):
        global i, size, first
        s = ("" if first else ",\n") + json.dumps(e)
        first = False
        out.write(s)
        size += len(s)
        i += 1
    put(entry(ts(i * 50), "GET", app + "/login", 200, "document", nav, [date], "text/html", form))
    put(entry(ts(i * 50), "POST", app + "/login", 302, "document", nav + [("Origin", app)],
              [("Location", "/dashboard"), ("Set-Cookie", "session=%s; Path=/; Secure; HttpOnly; SameSite=Lax" % sid), date],
              "text/html", "", post="username=alice&password=bench-password", redirect=app + "/dashboard"))
    cookie = [("Cookie", "session=" + sid)]
    page = 0
    while size < target - 200_000:
        page += 1
        put(entry(ts(i * 50), "GET", app + "/page/%d" % page, 200, "document", nav + cookie, [date], "text/html",
                  "<html><h1>Page %d</h1><p>Signed in as alice</p>%s</html>" % (page, "<p>lorem ipsum</p>" * 40)))
        for k in range(2):
            put(entry(ts(i * 50), "GET", app + "/api/items?page=%d&k=%d" % (page, k), 200, "xhr",
                      [("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty"), ("Sec-Fetch-Site", "same-origin")] + cookie,
                      [date, ("Content-Type", "application/json")], "application/json",
                      json.dumps({"items": [{"id": j, "name": "item %d" % j} for j in range(30)]})))
        for k in range(12):
            if k % 3 == 0:
                put(entry(ts(i * 50), "GET", app + "/static/img%d.png" % k, 200, "image", cookie, [date], "image/png", blob, enc="base64"))
            else:
                put(entry(ts(i * 50), "GET", app + "/static/app%d.js" % k, 200, "script", cookie, [date], "application/javascript", script))
    put(entry(ts(i * 50), "GET", app + "/page/last", 302, "document", nav + cookie, [("Location", "/login?next=/page/last"), date],
              "text/html", "", redirect=app + "/login?next=/page/last"))
    put(entry(ts(i * 50), "GET", app + "/login?next=/page/last", 200, "document", nav + cookie, [date], "text/html", form))
    out.write("\n]}}\n")
print(i)
PY
}

measure() {  # measure LABEL FILE CMD...: wall and CPU seconds (user + system), MB/s of each, peak RSS (MB)
  local label=$1 file=$2; shift 2
  /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
  local wall cpu rss bytes
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (k = 1; k <= length(t); k++) s = s * 60 + t[k]; print s}' "$work/time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time")
  bytes=$(stat -c %s "$file")
  printf '| %-24s | %6s MB | %7.1f s | %7.1f MB/s | %7.1f s | %7.1f MB/s | %7s MB |\n' "$label" "$((bytes / 1000000))" \
    "$wall" "$(awk -v b="$bytes" -v w="$wall" 'BEGIN { print (w > 0 ? b / 1e6 / w : 0) }')" \
    "$cpu" "$(awk -v b="$bytes" -v w="$cpu" 'BEGIN { print (w > 0 ? b / 1e6 / w : 0) }')" "$rss"
}

small=$((mb / 10 > 0 ? mb / 10 : 1))
echo "generating ${small} MB and ${mb} MB recordings…" >&2
entries_small=$(generate "$work/small.har" "$small")
entries_big=$(generate "$work/big.har" "$mb")
filter='[.log.entries[] | {status: .response.status, set_cookie: [.response.headers[] | select(.name | ascii_downcase == "set-cookie") | .value]}] | length'

echo
echo "host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(jq --version); $(./authdoctor --version | head -1)"
echo "entries: ${entries_small} (small), ${entries_big} (large)"
echo
echo "| run                      |      file |      wall |  wall speed |       CPU |   CPU speed |   peak RSS |"
echo "|--------------------------|-----------|-----------|-------------|-----------|-------------|------------|"
for ((r = 1; r <= n; r++)); do
  for f in small big; do
    measure "authdoctor har ($f)" "$work/$f.har" ./authdoctor har "$work/$f.har" --format json -o "$work/out.json"
    measure "jq ($f)" "$work/$f.har" jq "$filter" "$work/$f.har"
  done
done
echo
echo "authdoctor's verdict on the large file: $(jq -c '.lost' "$work/out.json" 2>/dev/null || echo '?')"
