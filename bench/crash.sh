#!/usr/bin/env bash
# The long crash test: Baton (target/baton.jar, as a child process) under steady signed GitHub
# webhook load, killed with SIGKILL 20 times in 10 minutes and restarted; then the same checks as the
# short version CI runs (CrashRecoveryIntegrationTest): every acknowledged webhook in the inbox once
# and processed, one work item and one decision per opened issue, every planned delivery received by
# the loopback subscriber (re-sends with the same webhook-id counted apart), nothing pending, audit
# chain intact. With --two-nodes it runs TwoNodesIntegrationTest for 5 minutes of load instead.
#
#   bench/crash.sh                     # 20 kills, 600 s of load, 5 webhooks/s
#   KILLS=40 DURATION=1200 RATE=10 bench/crash.sh
#   bench/crash.sh --two-nodes         # DURATION (default 300) s of load on two nodes
#
# Node output: target/crash/ (target/two-nodes/); the figures: target/crash/report.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi

# failsafe runs after `package`, so the tests start the jar this build makes; no other test runs
common=(-B -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true)
if [ "${1:-}" = "--two-nodes" ]; then
  exec "$ROOT/mvnw" -f "$ROOT/pom.xml" "${common[@]}" verify \
    -Dit.test=TwoNodesIntegrationTest \
    -Dbaton.twonodes.duration="${DURATION:-300}" -Dbaton.twonodes.rate="${RATE:-6}"
fi
exec "$ROOT/mvnw" -f "$ROOT/pom.xml" "${common[@]}" verify \
  -Dit.test=CrashRecoveryIntegrationTest \
  -Dbaton.crash.kills="${KILLS:-20}" -Dbaton.crash.duration="${DURATION:-600}" \
  -Dbaton.crash.rate="${RATE:-5}"
