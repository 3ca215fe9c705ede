# Sourced by ./authdoctor and ./test: find a JDK >= 21 (JAVA_HOME, /usr/lib/jvm/*, PATH).
# shellcheck shell=bash
MIN=21

# Major version of the JDK at $1 (from its release file, else from `java -version`).
jdk_major() {
  local home=$1 v=""
  if [[ -f "$home/release" ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z "$v" && -x "$home/bin/java" ]]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "${v:-0}"
}

# A usable JDK home: JAVA_HOME, then the newest /usr/lib/jvm/*, then the java on PATH.
find_jdk() {
  local cand best="" bestv=0 v
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    v=$(jdk_major "$JAVA_HOME")
    if (( v >= MIN )); then echo "$JAVA_HOME"; return; fi
  fi
  for cand in /usr/lib/jvm/*; do
    [[ -x "$cand/bin/java" && -x "$cand/bin/javac" ]] || continue
    v=$(jdk_major "$cand")
    if (( v >= MIN && v > bestv )); then best=$cand; bestv=$v; fi
  done
  if [[ -n "$best" ]]; then echo "$best"; return; fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(jdk_major "$cand")
    if (( v >= MIN )); then echo "$cand"; return; fi
  fi
  return 1
}


