#!/usr/bin/env bash
# The database ceiling: runs bench/pgbench/event.sql, the SQL work Baton does per webhook event
# (accepted, routed, and its two webhook deliveries claimed and completed), with pgbench against a
# PostgreSQL database whose schema Baton's Flyway migrations created. Prints pgbench's report; its
# "tps" is events per second. See docs/operations.md, "Capacity".
#
#   bench/pgbench.sh [--clients N] [--duration S] [--no-deliveries] [-- more pgbench options]
#
# The database is chosen by libpq's variables: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
# Use a database no running Baton processes (its inbox worker and dispatcher would take the
# script's rows): e.g. start Baton once against an empty database to migrate it, stop it, then run.
# The script adds fixture rows in a tenant of its own, 'pgbench' (bench/pgbench/setup.sql).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pgbench"
CLIENTS=4
DURATION=20
DELIVERIES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --no-deliveries) DELIVERIES=0; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in pgbench psql; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    cat >&2 <<MISSING
$tool is not installed, so the database ceiling cannot be measured.
Install the PostgreSQL client tools (version 14 or newer), for example:
  Debian/Ubuntu:  sudo apt-get install postgresql-client
  macOS:          brew install libpq && brew link --force libpq
MISSING
    exit 3
  fi
done

if [ "$(psql -X -qAtc "select to_regclass('public.inbox') is not null and to_regclass('public.audit_heads') is not null")" != "t" ]; then
  echo "The database ${PGDATABASE:-(libpq default)} has no Baton schema: start Baton once against it so Flyway migrates it, then run this again." >&2
  exit 2
fi

psql -X -q -v ON_ERROR_STOP=1 -f "$DIR/setup.sql"
exec pgbench -n -M prepared -D deliveries="$DELIVERIES" -c "$CLIENTS" -j "$CLIENTS" -T "$DURATION" \
  -f "$DIR/event.sql" "$@"
