#!/usr/bin/env bash
# Whole-command benchmark: `authdoctor probe` on a real lab case, side by side with a shell script
# doing the equivalent curl requests in sequence (the manual playbook), in one run, medians of N.
#   bench/probe-vs-curl.sh [--rtt MS] [CASE] [N]      (default: no added latency, flask-healthy, 5)
#   BEFORE=DIR bench/probe-vs-curl.sh …              also probe with DIR/authdoctor (another checkout, built),
#                                                    interleaved with this one and curl, run by run (no diff rows)
# --rtt MS (or RTT_MS=MS) puts bench/delay-relay.py between both clients and the lab: every connection
# then costs MS to open and every byte MS/2 each way (TLS stays end to end), as on a real network.
# Runs inside its own network namespace so it never collides with another lab on the fixed ports.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rtt=${RTT_MS:-0}
if [[ "${1:-}" == --rtt ]]; then rtt=${2:?--rtt needs a number of milliseconds}; shift 2; fi
[[ "$rtt" =~ ^[0-9]+$ ]] || { echo "--rtt: a whole number of milliseconds" >&2; exit 2; }
case_name=${1:-flask-healthy}
n=${2:-5}
if [[ "${AUTHDOCTOR_BENCH_NS:-}" != 1 ]]; then
  "$here/lab/install" >/dev/null
  "$here/authdoctor" --version >/dev/null
  if [[ -n "${BEFORE:-}" ]]; then "$BEFORE/authdoctor" --version >/dev/null; fi
  exec unshare --net env AUTHDOCTOR_BENCH_NS=1 AUTHDOCTOR_LAB_RUN=/tmp/authdoctor-bench-lab RTT_MS="$rtt" BEFORE="${BEFORE:-}" \
    bash -c "ip link set lo up && exec '$0' '$case_name' '$n'"
fi
cd "$here"
relay=""
trap 'lab/down --all >/dev/null 2>&1 || true; [[ -z "$relay" ]] || kill "$relay" 2>/dev/null || true' EXIT
lab/up "$case_name" >/dev/null
cj="lab/cases/$case_name/case.json"
py() { /usr/bin/python3 -c "import json,sys; c=json.load(open('$cj')); $1"; }
base=$(py 'print(c["base_url"])')
login=$(py 'l=c["login"]; print(l.get("form_url") or l["url"])')
user=$(py 'print(c["user"])')
export LAB_PASSWORD; LAB_PASSWORD=$(py 'print(c["password"])')
protected=$(py 'print(c["protected"][0])')
logout=$(py 'print(c["logout"]["url"])')
ca=/tmp/authdoctor-bench-lab/pki/ca.pem
mapfile -t resolve < <(py 'print("\n".join(c["resolve"]))')
mapfile -t direct < <(py 'print("\n".join(c["direct_urls"]))')
# With latency, both clients reach every lab port through the relay, listening on 127.0.0.2 (the same
# ports: URLs, Host headers and cookies stay exactly those of the loopback run).
if (( rtt > 0 )); then
  routes=()
  for i in "${!resolve[@]}"; do
    IFS=: read -r h p a <<<"${resolve[$i]}"
    routes+=("127.0.0.2:$p=$a:$p"); resolve[i]="$h:$p:127.0.0.2"
  done
  for i in "${!direct[@]}"; do
    hp=${direct[$i]#http://}; hp=${hp%%/*}
    routes+=("127.0.0.2:${hp##*:}=$hp"); direct[i]=${direct[$i]/"$hp"/"127.0.0.2:${hp##*:}"}
  done
  coproc RELAY { exec /usr/bin/python3 bench/delay-relay.py "$rtt" "${routes[@]}"; }
  relay=$RELAY_PID
  read -r ready <&"${RELAY[0]}"
  [[ "$ready" == ready ]] || { echo "the delay relay did not start" >&2; exit 1; }
fi
fields=$(py 'l=c["login"]; print("&".join(k+"="+v.replace("{user}",c["user"]).replace("{password}",c["password"]) for k,v in l["fields"].items()))')

probe_args=(probe "$base" --login "$login" --user "$user" --password-env LAB_PASSWORD --protected "$protected"
  --logout "$logout" --cacert "$ca" --quiet --format json --refresh 5)
for r in "${resolve[@]}"; do probe_args+=(--resolve "$r"); done
# diff: the same flow against two targets at once (here the case against itself, so both sides do the
# same work); it takes the probe's flags except --instance, which names one deployment's parts.
diff_args=(diff "$base" "$base" "${probe_args[@]:2}")
for d in "${direct[@]}"; do probe_args+=(--instance "$d"); done
curl_opts=(-s -o /dev/null --cacert "$ca")
for r in "${resolve[@]}"; do curl_opts+=(--resolve "$r"); done

# Comparing two targets by hand: the playbook once per target, one after the other.
curl_playbook_twice() { curl_playbook; curl_playbook; }

# The playbook by hand: login page, login POST, protected route, 5 refreshes, each instance, logout,
# replay of the old cookie; one request after another, as a person or a shell script does it.
curl_playbook() {
  local jar; jar=$(mktemp)
  curl "${curl_opts[@]}" -c "$jar" "$login"
  curl "${curl_opts[@]}" -b "$jar" -c "$jar" -X POST -H "Origin: ${base%/}" --data "$fields" "$login"
  curl "${curl_opts[@]}" -b "$jar" "$protected"
  for _ in 1 2 3 4 5; do curl "${curl_opts[@]}" -b "$jar" "$protected"; done
  for d in "${direct[@]}"; do curl -s -o /dev/null -b "$jar" "$d${protected#"${base%/}"}"; done
  cp "$jar" "$jar.old"
  curl "${curl_opts[@]}" -b "$jar" -c "$jar" -X POST -H "Origin: ${base%/}" "$logout"
  curl "${curl_opts[@]}" -b "$jar.old" "$protected"
  rm -f "$jar" "$jar.old"
}

median_ms() {
  local i t0 t1 times=()
  for ((i = 0; i < n; i++)); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

if [[ -n "${BEFORE:-}" ]]; then
  # this checkout, the other one and curl, one run of each in turn: the same machine load for all three
  ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
  med() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  load0=$(cut -d' ' -f1 /proc/loadavg)
  ./authdoctor "${probe_args[@]}" >/dev/null 2>&1 || true; "$BEFORE/authdoctor" "${probe_args[@]}" >/dev/null 2>&1 || true
  ta="" tb="" tc=""
  for ((i = 0; i < n; i++)); do
    ta+="$(ms ./authdoctor "${probe_args[@]}") "; tb+="$(ms "$BEFORE/authdoctor" "${probe_args[@]}") "; tc+="$(ms curl_playbook) "
  done
  printf '| lab case `%s`, %s, median of %d, interleaved | wall time (ms) |\n|---|---|\n' "$case_name" \
    "$( (( rtt > 0 )) && echo "RTT $rtt ms (delay relay)" || echo "loopback")" "$n"
  printf '| `authdoctor probe`, this checkout | %s |\n| `authdoctor probe`, %s | %s |\n| curl playbook script | %s |\n' \
    "$(med <<<"$ta")" "$BEFORE" "$(med <<<"$tb")" "$(med <<<"$tc")"
  echo "(load average $load0 at the start, $(cut -d' ' -f1 /proc/loadavg) at the end)"
  exit 0
fi
steps=$(./authdoctor "${probe_args[@]}" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["steps"]))')
p=$(median_ms ./authdoctor "${probe_args[@]}")
c=$(median_ms curl_playbook)
dsteps=$(./authdoctor "${diff_args[@]}" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["steps"]))' || true)
d=$(median_ms ./authdoctor "${diff_args[@]}")
c2=$(median_ms curl_playbook_twice)
printf '| lab case `%s`, %s, median of %d | wall time (ms) | requests |\n|---|---|---|\n' "$case_name" \
  "$( (( rtt > 0 )) && echo "RTT $rtt ms (delay relay)" || echo "loopback")" "$n"
printf '| `authdoctor probe` (diagnosis included, JVM start included) | %s | %s |\n' "$p" "$steps"
printf '| curl playbook script (no diagnosis) | %s | %s |\n' "$c" "$(( 9 + ${#direct[@]} ))"
printf '| `authdoctor diff URL URL` (two flows at once, compared; no `--instance`) | %s | %s |\n' "$d" "$dsteps"
printf '| curl playbook script, once per target (no comparison) | %s | %s |\n' "$c2" "$(( 2 * (9 + ${#direct[@]}) ))"
