#!/usr/bin/env bash
# Developer helper: run Maven tests quietly and print only the verdict and failures.
#   scripts/mvn-test.sh [-Dtest=Foo]
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
export JAVA_HOME=$(find_jdk)
log=$(mktemp)
mvn -B -q test "$@" >"$log" 2>&1
rc=$?
grep -E "ERROR\]|FAIL|Tests run:.*Fail" "$log" | grep -v "^\[ERROR\] *$" | head -40
if [ $rc -eq 0 ]; then
  total=$(grep -ho 'tests="[0-9]*"' target/surefire-reports/TEST-*.xml 2>/dev/null | cut -d'"' -f2 | paste -sd+ | bc)
  echo "OK ($total tests in the reports)"
else
  echo "FAILED (mvn exit $rc; log: $log)"
fi
exit $rc
