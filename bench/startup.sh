#!/usr/bin/env bash
# Start-up benchmark: wall time of `authdoctor --help`, with and without the JDK's AOT cache,
# next to the bare JVM (`java -version`) as a floor. Medians of N runs, same machine, one run.
#   bench/startup.sh [N]     (default N=15)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-15}
cd "$here"
./authdoctor --version >/dev/null          # builds the jar and the AOT cache when needed
source scripts/jdk.sh
JDK=$(find_jdk)

median_ms() {   # median wall time in ms of running "$@" n times
  local i t0 t1 times=()
  for ((i = 0; i < n; i++)); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

floor=$(median_ms "$JDK/bin/java" -Xshare:auto -version)
printf '| command | with AOT cache (ms) | without (ms) |\n|---|---|---|\n'
printf '| `java -version` (JVM floor) | %s | |\n' "$floor"
row() {  # label, then the authdoctor arguments
  local label=$1; shift
  printf '| %s | %s | %s |\n' "$label" "$(median_ms ./authdoctor "$@")" "$(AUTHDOCTOR_NO_AOT=1 median_ms ./authdoctor "$@")"
}
row '`authdoctor --help`' --help
row '`authdoctor cookie … --format json`' cookie 'sid=1; Path=/; SameSite=None' --url https://app.example.com/ --format json
row '`authdoctor demo --format json` (5 live probes, 7 scenarios)' demo --format json --quiet
echo "(medians of $n runs)"
