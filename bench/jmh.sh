#!/usr/bin/env bash
# Runs the JMH microbenchmarks under src/test/java/dev/baton/bench (by default the routing engine's)
# and prints JMH's results; the figures are kept in docs/benchmarks.md.
#
#   bench/jmh.sh                      # defaults below, a few minutes on 2 cores
#   bench/jmh.sh -i 10 -prof gc       # any JMH option; one given here replaces its default
#   bench/jmh.sh -h                   # JMH's own help
#
# Environment: BENCHMARK (regex of benchmarks to run, default RoutingEngineBenchmark).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCHMARK="${BENCHMARK:-RoutingEngineBenchmark}"
LOG="$ROOT/target/jmh-build.log"

# The same JDK selection as ./baton: JAVA_HOME if it is 21+, else the newest 21+ under /usr/lib/jvm
# (or macOS's folder), else the java on the PATH if it is 21+.
java_major() {
  local version
  version=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$version" in
    1.*) echo "${version#1.}" | cut -d. -f1 ;;
    "") echo 0 ;;
    *) echo "$version" | cut -d. -f1 ;;
  esac
}

pick_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    echo "$JAVA_HOME"
    return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    echo "$best"
    return
  fi
  if command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 21 ]; then
    local real
    real="$(readlink -f "$(command -v java)")"
    dirname "$(dirname "$real")"
    return
  fi
  return 1
}

if ! JAVA_HOME="$(pick_java_home)"; then
  echo "The benchmarks need a JDK 21 or newer; set JAVA_HOME to one (checked JAVA_HOME, /usr/lib/jvm and the PATH)." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

mkdir -p "$ROOT/target/jmh"
echo "Building the test classes and the benchmark classpath (log: $LOG)..." >&2
if ! "$ROOT/mvnw" -f "$ROOT/pom.xml" -q -B -DskipTests -Dspotless.check.skip=true test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/target/jmh/classpath.txt" \
    >"$LOG" 2>&1; then
  cat "$LOG" >&2
  echo "The build failed; the log above says why." >&2
  exit 1
fi
CLASSPATH="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/jmh/classpath.txt")"

# Defaults that finish in a few minutes on 2 cores; an option the caller gives replaces its default.
defaults=(-f 1 -wi 3 -w 5s -i 5 -r 5s -rf json -rff "$ROOT/target/jmh/result.json")
args=()
for ((i = 0; i < ${#defaults[@]}; i += 2)); do
  option="${defaults[i]}"
  if [[ " $* " != *" $option "* ]]; then
    args+=("$option" "${defaults[i + 1]}")
  fi
done

echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); CPUs: $(nproc 2>/dev/null || echo '?'); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)" >&2
java -cp "$CLASSPATH" org.openjdk.jmh.Main "${args[@]}" "$@" "$BENCHMARK"
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime); JSON results: target/jmh/result.json" >&2
