#!/usr/bin/env bash
# make loadtest: the app under gunicorn on PostgreSQL with production settings, driven by
# wrk on loopback with 64 connections for a bounded time per page. Prints requests per
# second, p50/p99 latency, errors and 5xx per page; fails on any error or 5xx.
#
#   LOADTEST_DURATION   seconds per page (default 30; CI runs 5)
#   LOADTEST_CONNECTIONS  concurrent connections (default 64)
#   LOADTEST_WORKERS    gunicorn worker processes (default 4)
#   LOADTEST_PORT       port on 127.0.0.1 (default 8765)
#   LOADTEST_DB         scratch PostgreSQL database, created and dropped (default newsroom_loadtest)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${LOADTEST_DURATION:-30}"
CONNECTIONS="${LOADTEST_CONNECTIONS:-64}"
WORKERS="${LOADTEST_WORKERS:-4}"
PORT="${LOADTEST_PORT:-8765}"
DB="${LOADTEST_DB:-newsroom_loadtest}"
BIN=.venv/bin
BASE="http://127.0.0.1:$PORT"
PAGES=(
  "home|/"
  "filtered list|/articles/?person=staffan-de-mistura&organisation=united-nations&date_from=2014-01-01"
  "person page|/people/staffan-de-mistura/"
  "article page|/articles/damascus-moscow-back-un-freeze-plan/"
)

if ! command -v wrk >/dev/null; then
  echo "loadtest: installing wrk (Debian package)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "loadtest: PostgreSQL is not answering on 127.0.0.1:5432 (.ci/run starts it)." >&2
  exit 1
fi

export DJANGO_SECRET_KEY="loadtest-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"  # as behind a TLS proxy
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
unset DJANGO_DEBUG

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
GUNICORN_PID=""
cleanup() {
  if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" || true
}
trap cleanup EXIT

$BIN/python manage.py check --deploy --fail-level WARNING
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py load_archive -v0
$BIN/python manage.py collectstatic --noinput -v0

$BIN/gunicorn newsroom.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
  --log-level warning --access-logfile /dev/null &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  curl -sf -o /dev/null -H "X-Forwarded-Proto: https" "$BASE/" && break
  sleep 0.5
done

for page in "${PAGES[@]}"; do
  url="$BASE${page#*|}"
  status=$(curl -s -o /dev/null -w "%{http_code}" -H "X-Forwarded-Proto: https" "$url")
  if [ "$status" != 200 ]; then
    echo "loadtest: $url answered $status before the run; expected 200." >&2
    exit 1
  fi
done

echo "wrk: $CONNECTIONS connections, 2 threads, ${DURATION}s per page; gunicorn: $WORKERS sync workers; $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-14s %9s %9s %9s %9s %8s %6s %5s\n" page requests "req/s" "p50 ms" "p99 ms" "max ms" errors 5xx
failed=0
for page in "${PAGES[@]}"; do
  name="${page%%|*}"
  url="$BASE${page#*|}"
  sleep 2  # let the workers finish what the previous run left queued
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -s bench/wrk_report.lua "$url" | tail -1)
  read -r requests rps p50 p99 max errors status fivexx < <(
    $BIN/python -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["requests"], r["rps"], r["p50_ms"], r["p99_ms"], r["max_ms"], r["errors"], r["non_2xx_3xx"], r["5xx"])' "$line")
  printf "%-14s %9s %9s %9s %9s %8s %6s %5s\n" "$name" "$requests" "$rps" "$p50" "$p99" "$max" "$((errors + status))" "$fivexx"
  if [ "$errors" != 0 ] || [ "$status" != 0 ] || [ "$fivexx" != 0 ]; then failed=1; fi
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$failed" != 0 ]; then
  echo "loadtest: FAILED: errors or non-2xx answers under load (see above)." >&2
  exit 1
fi
echo "loadtest: no errors, no 5xx"
