#!/usr/bin/env bash
# What `probe --browser chromium` costs: the same lab flow probed raw and with real headless Chromium
# doing the login, wall time of the whole command (medians of N), and Chromium's own start-up (from
# process start to the DevTools socket answering, as the trace reports it).
#   bench/browser-login.sh [CASE] [N]      (default: flask-healthy, 3)
# Runs inside its own network namespace so it never collides with another lab on the fixed ports.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
case_name=${1:-flask-healthy}
n=${2:-3}
if [[ "${AUTHDOCTOR_BENCH_NS:-}" != 1 ]]; then
  "$here/lab/install" >/dev/null
  "$here/authdoctor" --version >/dev/null
  exec unshare --net env AUTHDOCTOR_BENCH_NS=1 AUTHDOCTOR_LAB_RUN=/tmp/authdoctor-bench-browser \
    bash -c "ip link set lo up && exec '$0' '$case_name' '$n'"
fi
cd "$here"
trap 'lab/down --all >/dev/null 2>&1 || true' EXIT
lab/up "$case_name" >/dev/null
cj="lab/cases/$case_name/case.json"
py() { /usr/bin/python3 -c "import json,sys; c=json.load(open('$cj')); $1"; }
base=$(py 'print(c["base_url"])')
login=$(py 'l=c["login"]; print(l.get("form_url") or l["url"])')
export LAB_PASSWORD; LAB_PASSWORD=$(py 'print(c["password"])')
args=(probe "$base" --login "$login" --user "$(py 'print(c["user"])')" --password-env LAB_PASSWORD
  --protected "$(py 'print(c["protected"][0])')" --cacert /tmp/authdoctor-bench-browser/pki/ca.pem
  --format json --quiet --max-time 120)
while read -r r; do args+=(--resolve "$r"); done < <(py 'print("\n".join(c["resolve"]))')
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { date +%s%3N; }
raw=(); browser=(); startup=()
for ((i = 0; i < n; i++)); do
  t0=$(ms); ./authdoctor "${args[@]}" >/dev/null || true; raw+=($(( $(ms) - t0 )))
  t0=$(ms); out=$(./authdoctor "${args[@]}" --browser chromium || true); browser+=($(( $(ms) - t0 )))
  startup+=("$(/usr/bin/python3 -c 'import json,sys,re
for s in json.load(sys.stdin)["steps"]:
  m = re.search(r"started in (\d+) ms", s.get("note", ""))
  if m: print(m.group(1)); break' <<<"$out")")
done
echo "case $case_name, $n runs each, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo "probe raw (ms):                      $(printf '%s\n' "${raw[@]}" | median)"
echo "probe --browser chromium (ms):       $(printf '%s\n' "${browser[@]}" | median)"
echo "of which Chromium's start-up (ms):   $(printf '%s\n' "${startup[@]}" | median)"
