#!/usr/bin/env bash
# JMH micro-benchmarks of hot code (the cookie parser and jar, next to OkHttp's Cookie.parse and
# java.net.HttpCookie.parse on the same inputs). Extra arguments go to JMH, e.g. bench/jmh.sh -f 1 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
export JAVA_HOME=$(find_jdk)
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
args=("$@")
((${#args[@]})) || args=(-f 1 -wi 2 -w 1s -i 3 -r 1s)   # short default run; error bars are printed
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  org.openjdk.jmh.Main 'authdoctor.bench.*' "${args[@]}"
