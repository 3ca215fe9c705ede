#!/usr/bin/env bash
# Whole-command benchmark: `authdoctor scan` of a generated repository-like tree, next to the manual
# playbook's `grep -RiE` of the same settings over the same tree, in one run: wall time (medians of N,
# the two interleaved so both see the same machine load) and peak RSS (`/usr/bin/time -v`), at a small
# and a large tree to show memory stays flat in tree size.
#   bench/scan-vs-grep.sh [FILES] [N]       (default: 50000 files, N=5; the small tree is 10000 files)
# The tree is mostly source code (Python, JavaScript, Java, Markdown) with a few hundred configuration
# files among it: nginx sites (some with planted bugs), compose files, env files, redis.conf.
# With hyperfine installed (apt-get install hyperfine) the wall times are hyperfine's, interleaved too.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
files=${1:-50000}
n=${2:-5}
small=10000
[[ "$files" =~ ^[0-9]+$ && "$n" =~ ^[0-9]+$ ]] || { echo "usage: bench/scan-vs-grep.sh [FILES] [N]" >&2; exit 2; }
cd "$here"
./authdoctor --version >/dev/null          # builds the jar (and its start-up cache) when needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The playbook's patterns: what a person greps a checkout for when login breaks behind the proxy.
pattern='proxy_set_header|X-Forwarded-Proto|proxy_pass|proxy_cookie|proxy_redirect|SESSION_COOKIE|trust proxy|SECRET_KEY|forwarded_allow_ips|proxy-headers|maxmemory-policy|SameSite|secure_proxy_ssl_header'

generate() {  # generate DIR FILES: a deterministic tree of FILES files
  /usr/bin/python3 - "$1" "$2" <<'PY'
import os, random, sys
root, total = sys.argv[1], int(sys.argv[2])
rnd = random.Random(17)
configs = max(40, total // 150)           # 50,000 files -> 333 configuration files
def put(rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
site_ok = """server {{
    listen 443 ssl;
    server_name app{i}.example.com;
    add_header Strict-Transport-Security "max-age=63072000" always;
    location / {{
        proxy_pass http://127.0.0.1:{port};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }}
}}
server {{
    listen 80;
    server_name app{i}.example.com;
    return 301 https://$host$request_uri;
}}
"""
site_bug = """server {{
    listen 443 ssl;
    server_name app{i}.example.com;
    location / {{
        proxy_pass http://127.0.0.1:{port};
        proxy_set_header Host $host;
    }}
    location /api/ {{
        proxy_pass http://127.0.0.1:{port}/;
        proxy_set_header Authorization "";
    }}
}}
"""
kinds = ["nginx", "compose", "env", "redis"]
for c in range(configs):
    svc = f"services/svc{c:04d}"
    kind = kinds[c % len(kinds)]
    if kind == "nginx":
        text = (site_bug if c % 3 == 0 else site_ok).format(i=c, port=8000 + c % 100)
        put(f"{svc}/deploy/nginx/sites-enabled/app{c}.conf", text)
    elif kind == "compose":
        put(f"{svc}/docker-compose.yml", f"services:\n  web:\n    image: app:{c}\n    command: gunicorn app:app -w 4 -b 0.0.0.0:8000\n"
            f"    env_file: .env\n    deploy:\n      replicas: 2\n  redis:\n    image: redis:7\n")
    elif kind == "env":
        put(f"{svc}/.env", f"SECRET_KEY=bench-not-a-secret-{c:06d}\nSESSION_COOKIE_SECURE=true\nREDIS_URL=redis://redis:6379/0\n")
    else:
        put(f"{svc}/redis.conf", "bind 127.0.0.1\nport 6379\nmaxmemory 256mb\nmaxmemory-policy allkeys-lru\nsave \"\"\n")
words = "def return import class self value request response user session token cache config handler".split()
for k in range(total - configs):
    pkg = f"src/pkg{k // 400:03d}/mod{(k // 40) % 10}"
    ext = rnd.choice(["py", "py", "js", "java", "md", "ts"])
    lines = [" ".join(rnd.choice(words) for _ in range(rnd.randint(4, 12))) for _ in range(rnd.randint(20, 120))]
    put(f"{pkg}/file{k:06d}.{ext}", "\n".join(lines) + "\n")
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() {  # measure LABEL CMD...: appends "LABEL wall_ms rss_kib" lines to $work/runs
  local label=$1; shift
  local t; t=$(mktemp -p "$work")
  /usr/bin/time -v -o "$t" "$@" >/dev/null 2>&1 || true
  awk -v l="$label" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; ms = int(s * 1000) }
    /Maximum resident set size/ { rss = $2 }
    END { print l, ms, rss }' "$t" >>"$work/runs"
}

row() {  # row SIZE LABEL: medians of the recorded runs
  local w r
  w=$(awk -v l="$2" '$1 == l {print $2}' "$work/runs" | median)
  r=$(awk -v l="$2" '$1 == l {print $3}' "$work/runs" | median)
  printf '%s %s %s\n' "$1" "$w" "$((r / 1024))"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "load average before: $(load)" >&2
results=()
for size in "$small" "$files"; do
  tree="$work/tree-$size"
  generate "$tree" "$size"
  : >"$work/runs"
  scan=(./authdoctor scan "$tree" --format json)
  grep=(grep -RiE "$pattern" "$tree")
  "${scan[@]}" >/dev/null 2>&1 || true      # warm the page cache for both, once
  "${grep[@]}" >/dev/null || true
  for ((i = 0; i < n; i++)); do
    measure scan "${scan[@]}"
    measure grep "${grep[@]}"
  done
  findings=$("${scan[@]}" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print(sum(len(f["evidence"]) for f in r["findings"]))' || echo "?")
  matches=$("${grep[@]}" | wc -l)
  results+=("$(row "$size" scan) $findings" "$(row "$size" grep) $matches")
  if command -v hyperfine >/dev/null && [[ "$size" == "$files" ]]; then
    hyperfine -N -w 1 -r "$n" -S none "${scan[*]}" "grep -RiE '$pattern' $tree" >&2 || true
  fi
  rm -rf "$tree"
done
echo "load average after: $(load)" >&2

printf '| files in the tree | command | wall time (ms, median of %d) | peak RSS (MiB, median) | output |\n|---|---|---|---|---|\n' "$n"
i=0
for r in "${results[@]}"; do
  read -r size w rss out <<<"$r"
  if (( i % 2 == 0 )); then
    printf '| %s | `authdoctor scan DIR --format json` | %s | %s | %s evidence lines |\n' "$size" "$w" "$rss" "$out"
  else
    printf '| %s | `grep -RiE PATTERNS DIR` | %s | %s | %s matching lines |\n' "$size" "$w" "$rss" "$out"
  fi
  i=$((i + 1))
done
