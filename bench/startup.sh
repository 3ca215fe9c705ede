#!/usr/bin/env bash
# Start-up benchmark: wall time of `authdoctor --help`, `cookie`, `jwt` and `demo`, with and without the
# JDK's AOT cache, next to the bare JVM (`java -version`) as a floor and to the launcher alone. Medians of N.
#   bench/startup.sh [N]                  (default N=15)
#   BEFORE=DIR bench/startup.sh [N]       also DIR/authdoctor (another checkout, built), interleaved run by
#                                         run with this one, so both see the same machine load
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-15}
cd "$here"
./authdoctor --version >/dev/null          # builds the jar and the AOT cache when needed
if [[ -n "${BEFORE:-}" ]]; then "$BEFORE/authdoctor" --version >/dev/null; fi
source scripts/jdk.sh
JDK=$(find_jdk)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# "WALL/CPU" in ms: wall time, and user + system CPU time (less sensitive to a loaded machine's waits).
tfile=$(mktemp)
ms() {
  local t0 t1; t0=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$tfile" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 ))/$(tail -n 1 "$tfile" | awk '{printf "%d", ($1 + $2) * 1000}')"
}

# Medians of n runs of each of several commands (separated by ---), interleaved: a b a b … .
medians() {
  local -a cmds=() cur=() times=() ; local i k
  for a in "$@"; do if [[ "$a" == --- ]]; then cmds+=("${cur[*]@Q}"); cur=(); else cur+=("$a"); fi; done
  cmds+=("${cur[*]@Q}")
  for ((i = 0; i < n; i++)); do
    for k in "${!cmds[@]}"; do times[k]+="$(eval "ms ${cmds[k]}") "; done
  done
  for k in "${!cmds[@]}"; do
    printf '%s/%s ' "$(tr ' ' '\n' <<<"${times[k]}" | grep . | cut -d/ -f1 | median)" \
      "$(tr ' ' '\n' <<<"${times[k]}" | grep . | cut -d/ -f2 | median)"
  done
  echo
}

load() { cut -d' ' -f1 /proc/loadavg; }
echo "load average at start: $(load)"
floor=$(medians "$JDK/bin/java" -Xshare:auto -version)
# The launcher's own cost: the launcher with a stand-in JDK whose java does nothing.
fake=$(mktemp -d); trap 'rm -rf "$fake" "$tfile"' EXIT
mkdir -p "$fake/bin"; ln -s /bin/true "$fake/bin/java"; ln -s /bin/true "$fake/bin/javac"
echo 'JAVA_VERSION="25"' >"$fake/release"
read -r launch launch_before < <(medians env JAVA_HOME="$fake" ./authdoctor --help --- \
  env JAVA_HOME="$fake" "${BEFORE:-.}/authdoctor" --help)
jwt='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJl'
if [[ -n "${BEFORE:-}" ]]; then
  printf '| command | this (ms) | before (ms) | this, no AOT cache (ms) | before, no AOT cache (ms) |\n|---|---|---|---|---|\n'
  printf '| `java -version` (JVM floor) | %s | | | |\n' "$floor"
  printf '| the launcher alone (its `java` a no-op) | %s | %s | | |\n' "$launch" "$launch_before"
else
  printf '| command | with AOT cache (ms) | without (ms) |\n|---|---|---|\n'
  printf '| `java -version` (JVM floor) | %s | |\n' "$floor"
  printf '| the launcher alone (its `java` a no-op) | %s | |\n' "$launch"
fi
row() {  # label, then the authdoctor arguments
  local label=$1; shift
  if [[ -n "${BEFORE:-}" ]]; then
    read -r a b c d < <(medians ./authdoctor "$@" --- "$BEFORE/authdoctor" "$@" --- \
      env AUTHDOCTOR_NO_AOT=1 ./authdoctor "$@" --- env AUTHDOCTOR_NO_AOT=1 "$BEFORE/authdoctor" "$@")
    printf '| %s | %s | %s | %s | %s |\n' "$label" "$a" "$b" "$c" "$d"
  else
    read -r a c < <(medians ./authdoctor "$@" --- env AUTHDOCTOR_NO_AOT=1 ./authdoctor "$@")
    printf '| %s | %s | %s |\n' "$label" "$a" "$c"
  fi
}
row '`authdoctor --help`' --help
row '`authdoctor cookie … --format json`' cookie 'sid=1; Path=/; SameSite=None' --url https://app.example.com/ --format json
row '`authdoctor jwt TOKEN`' jwt "$jwt"
row '`authdoctor explain cookie.samesite-none-insecure`' explain cookie.samesite-none-insecure
row '`authdoctor demo --format json` (5 live probes, 7 scenarios)' demo --format json --quiet
echo "(wall/CPU ms, medians of $n runs, interleaved; load average at end: $(load))"
