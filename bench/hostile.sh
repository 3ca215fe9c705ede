#!/usr/bin/env bash
# The worst case of each bound issue #15 built, measured with GNU time: wall time and peak RSS of
# the whole process (JVM start included). Servers are bench/hostile-server.py on 127.0.0.1.
#   bench/hostile.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
./authdoctor --version >/dev/null          # builds the jar and the AOT cache when needed
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
serve() { python3 bench/hostile-server.py "$@" >/dev/null 2>&1 & pids+=($!); }
serve 18901 many 12000; serve 18902 many 12000; serve 18903 slow 3; serve 18904 slow 0
for port in 18901 18902 18903 18904; do
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 0.1; done
done
export PW=bench-password-0123
flow=(--login /login --user u@example.com --password-env PW --protected /home -q)

row() {  # label, heap (or -), then the authdoctor arguments
  local label=$1 heap=$2; shift 2
  local opts=()
  [[ $heap != - ]] && opts=(env "JAVA_TOOL_OPTIONS=-Xmx$heap")
  set +e
  "${opts[@]}" /usr/bin/time -f '%e %M' -o "$tmp/time" ./authdoctor "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  set -e
  read -r secs kb < <(tail -n 1 "$tmp/time")
  printf '| %s | %s | %s s | %s MB | %s | %s |\n' "$label" "${heap/-/default}" "$secs" "$((kb / 1024))" "$rc" \
    "$(wc -l <"$tmp/out") lines"
}
printf '| case | heap | wall | peak RSS | exit | stdout |\n|---|---|---|---|---|---|\n'
row 'diff, 12,000 Set-Cookie per login on both sides' - diff http://127.0.0.1:18901/ http://127.0.0.1:18902/ "${flow[@]}" --refresh 0 --max-time 120s
row 'the same, 256 MB heap' 256m diff http://127.0.0.1:18901/ http://127.0.0.1:18902/ "${flow[@]}" --refresh 0 --max-time 120s
row 'probe, 12,000 Set-Cookie in the login answer' - probe http://127.0.0.1:18901/ "${flow[@]}" --refresh 0 --max-time 120s
row 'the same, 256 MB heap' 256m probe http://127.0.0.1:18901/ "${flow[@]}" --refresh 0 --max-time 120s
row 'the same, 256 MB heap, `--format json`' 256m probe http://127.0.0.1:18901/ "${flow[@]}" --refresh 0 --max-time 120s --format json
row 'diff, B answers every request after 3 s, `--max-time 10s`' - diff http://127.0.0.1:18904/ http://127.0.0.1:18903/ "${flow[@]}" --max-time 10s
python3 -c "print('HTTP/1.1 200 OK\r\n' + ''.join(f'Set-Cookie: c{i}=v{i}abcdefgh; Path=/; HttpOnly\r\n' for i in range(1000)))" >"$tmp/1000"
python3 -c "print('HTTP/1.1 200 OK\r\n' + ''.join(f'Set-Cookie: c{i}=1\r\n' for i in range(200000)))" >"$tmp/200000"
row '`cookie -`, 1,000 Set-Cookie lines (the bound)' - cookie - --url https://app.example.com/ <"$tmp/1000"
row '`cookie -`, 200,000 Set-Cookie lines (refused)' - cookie - --url https://app.example.com/ <"$tmp/200000"
