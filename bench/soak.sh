#!/usr/bin/env bash
# The soak: `baton bench load` for an hour at a moderate rate, printing one line per window (throughput,
# p99 routed and delivered, heap after GC, outbox depth) and at the end the slope of each with a verdict
# on whether it stayed flat. Everything it prints is also written to a file.
#
#   bench/soak.sh                                   # an hour at 10 sends/s, a sample a minute
#   DURATION=600 RATE=20 SAMPLE=30 bench/soak.sh    # shorter, faster
#   bench/soak.sh --url http://127.0.0.1:8080 --token "$TOKEN" --pid "$(pgrep -f baton.jar)"
#
# Environment: DURATION (seconds, default 3600), RATE (sends per second, default 10), SAMPLE (seconds
# per line, default 60), OUT (the file; default target/soak/soak-<UTC time>.txt). Other arguments go
# to `baton bench load` as they are (--url/--token for a running Baton, --mix, --duplicates, ...).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-3600}"
RATE="${RATE:-10}"
SAMPLE="${SAMPLE:-60}"
OUT="${OUT:-$ROOT/target/soak/soak-$(date -u +%Y%m%dT%H%M%SZ).txt}"
mkdir -p "$(dirname "$OUT")"

echo "soak: $DURATION s at $RATE sends/s, a sample every $SAMPLE s; writing $OUT"
set +e
"$ROOT/baton" bench load --rate "$RATE" --duration "$DURATION" --warmup 30 --sample "$SAMPLE" "$@" \
  2>&1 | tee "$OUT"
status=${PIPESTATUS[0]}
set -e
echo "soak: exit $status; samples, figures and verdict in $OUT"
exit "$status"
