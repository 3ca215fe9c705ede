# Sourced by ./authdoctor and ./test: find a JDK >= 21 (JAVA_HOME, /usr/lib/jvm/*, PATH).
# The launcher runs this on every start, so the common paths start no process (bash builtins only).
# shellcheck shell=bash
MIN=21

# Sets JDK_MAJOR to the major version of the JDK at $1 (its release file, else `java -version`; 0 if unknown).
read_jdk_major() {
  local home=$1 line
  JDK_MAJOR=""
  if [[ -f "$home/release" ]]; then
    while IFS= read -r line; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then JDK_MAJOR=${BASH_REMATCH[1]}; break; fi
    done <"$home/release"
  fi
  if [[ -z "$JDK_MAJOR" && -x "$home/bin/java" ]]; then
    JDK_MAJOR=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  JDK_MAJOR=${JDK_MAJOR:-0}
}

# Major version of the JDK at $1.
jdk_major() {
  read_jdk_major "$1"
  echo "$JDK_MAJOR"
}

# Sets JDK to a usable JDK home: JAVA_HOME, then the newest /usr/lib/jvm/*, then the java on PATH; fails if none.
locate_jdk() {
  local cand best="" bestv=0
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    read_jdk_major "$JAVA_HOME"
    if (( JDK_MAJOR >= MIN )); then JDK=$JAVA_HOME; return; fi
  fi
  for cand in /usr/lib/jvm/*; do
    [[ -x "$cand/bin/java" && -x "$cand/bin/javac" ]] || continue
    read_jdk_major "$cand"
    if (( JDK_MAJOR >= MIN && JDK_MAJOR > bestv )); then best=$cand; bestv=$JDK_MAJOR; fi
  done
  if [[ -n "$best" ]]; then JDK=$best; return; fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    read_jdk_major "$cand"
    if (( JDK_MAJOR >= MIN )); then JDK=$cand; return; fi
  fi
  return 1
}

# A usable JDK home on stdout (see locate_jdk).
find_jdk() {
  locate_jdk && echo "$JDK"
}
