#!/usr/bin/env bash
# Start the portal under gunicorn on a fresh PostgreSQL database, on loopback only, run the load test
# or the benchmark against it, and always stop the server and drop the database afterwards.
#
#   tests/load/stack.sh loadtest     # locust, 50 users, 60 s  (make loadtest)
#   tests/load/stack.sh bench        # one page at a time against the bare Django page  (make bench)
#
# For the benchmark two more servers run beside the portal, with the same gunicorn settings: the bare Django
# project of tests/load/floor/ on BENCH_PORT+1 (its own database, BENCH_DB_floor) and the portal with nothing
# kept (CACHE_KEEP_BYPASS=1) on BENCH_PORT+2, for the cold measurements.
#
# Environment (defaults in brackets):
#   PYTHON [.venv/bin/python]   BENCH_PORT [8100]   BENCH_DB [charter_bench]
#   BENCH_PG [postgres://postgres@127.0.0.1:5432]  the server (loopback only) where BENCH_DB is created
#   SEED_SCALE ["--organisations 300 --offers 3000 --signals 2000 --covenants 40"]  (Ghent scale)  extra data (manage.py seed_scale arguments; "" for none)
#   GUNICORN_WORKERS [2]  GUNICORN_THREADS [4]
#   LOADTEST_USERS [50]  LOADTEST_SECONDS [60]  LOADTEST_WAIT ["0.5,1.5"]
#   BENCH_SECONDS [6]  BENCH_FLOOR_SECONDS [3]  BENCH_WARMUP [1.5]  BENCH_CONCURRENCY [8]  BENCH_ROUNDS [3]
#   BENCH_LABEL ["Ghent scale"]  a name for the run in the output
#   BENCH_ONLY [""]  only these pages (names separated by ";"), besides the floor
#   BENCH_COLD [1]  0: measure warm only (no server that keeps nothing)
#   KEEP_DB [0]  set to 1 to keep the database for inspection
#   BENCH_REDIS [redis://127.0.0.1:6379/15]  the cache (data version token, sessions, API throttling), as in
#       production; emptied at the start; "" or an unreachable server: the database cache instead
#   REUSE_DB [0]  set to 1 to run on the database a KEEP_DB=1 run kept (no seeding; implies KEEP_DB=1)
set -euo pipefail
cd "$(dirname "$0")/../.."

MODE=${1:?usage: tests/load/stack.sh loadtest|bench}
PY=${PYTHON:-.venv/bin/python}
PORT=${BENCH_PORT:-8100}
DB=${BENCH_DB:-charter_bench}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
SEED_SCALE=${SEED_SCALE---organisations 300 --offers 3000 --signals 2000 --covenants 40}
OUT=test-artifacts/$MODE
mkdir -p "$OUT"

export PYTHONPATH=.
export DEBUG=0
export DATABASE_URL="$PG/$DB"
export ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export LOG_LEVEL=WARNING
# The chain's keys, as a production deployment sets them (README): random for this throw-away database.
export SIGNATURE_HMAC_KEYS SIGNATURE_HEAD_KEY
SIGNATURE_HMAC_KEYS="bench:$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"
SIGNATURE_HEAD_KEY=$("$PY" -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')
# The demo seed sends notification e-mails: keep them in memory (no mail server on a bench machine).
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
# The benchmark hammers one API list with one token far past the per-user rate of production: measure the
# list, not the throttle (tests/api/test_throttling.py proves the throttle).
if [ "$MODE" = bench ]; then
  export API_THROTTLE_USER=${API_THROTTLE_USER:-1000000/minute}
  export API_THROTTLE_ANON=${API_THROTTLE_ANON:-1000000/minute}
fi

# Shared state in Redis, as a production deployment has it (README, CACHE_URL), when a server answers on
# loopback; its database number is the harness's own and is emptied first (old sessions, throttles, tokens).
BENCH_REDIS=${BENCH_REDIS-redis://127.0.0.1:6379/15}
if [ -n "$BENCH_REDIS" ] && "$PY" - "$BENCH_REDIS" <<'PYEOF'
import ipaddress, socket, sys
from urllib.parse import urlsplit

import redis

url = sys.argv[1]
host = urlsplit(url).hostname or ""
if not ipaddress.ip_address(socket.gethostbyname(host)).is_loopback:
    sys.exit(f"BENCH_REDIS must be a loopback server, got {host}")
try:
    redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
except redis.RedisError as error:
    print(f"== no Redis at {url} ({error}): the database cache is used", file=sys.stderr)
    sys.exit(1)
PYEOF
then
    export CACHE_URL="$BENCH_REDIS"
    echo "== cache: $CACHE_URL"
else
    export CACHE_URL=db
    echo "== cache: the database cache"
fi

# The seeding and measuring commands live in the devtools app, which production settings leave out: only
# these commands run with it (DEVTOOLS=1); gunicorn serves the portal as deployed, without it.
devtool() {
    DEVTOOLS=1 "$PY" manage.py "$@"
}

FLOOR_DB="${DB}_floor"
SERVER_PIDS=()
cleanup() {
    status=$?
    for pid in "${SERVER_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [ "$MODE" = bench ]; then
        "$PY" -m tests.load.freshdb drop "$PG" "$FLOOR_DB" || true
    fi
    if [ "${KEEP_DB:-0}" != 1 ]; then
        "$PY" -m tests.load.freshdb drop "$PG" "$DB" || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Refuse to start when something already listens on a port: we would measure that instead.
for port in "$PORT" $((PORT + 1)) $((PORT + 2)); do
    "$PY" -c "import socket,sys; s=socket.socket(); sys.exit(0 if s.connect_ex(('127.0.0.1', $port)) else 'port $port is in use')"
done

SECONDS=0
if [ "${REUSE_DB:-0}" = 1 ]; then
    echo "== Reusing database $DB on $PG (kept by an earlier run)"
    KEEP_DB=1
    "$PY" manage.py migrate --noinput -v 0
    "$PY" manage.py collectstatic --noinput -v 0
else
    echo "== Fresh database $DB on $PG"
    "$PY" -m tests.load.freshdb create "$PG" "$DB"
    "$PY" manage.py migrate --noinput -v 0
    "$PY" manage.py collectstatic --noinput -v 0
    if "$PY" manage.py help seed_demo >/dev/null 2>&1; then
        "$PY" manage.py seed_demo
    fi
    devtool seed_loadtest_personas
    if [ -n "$SEED_SCALE" ]; then
        # shellcheck disable=SC2086  # SEED_SCALE holds several arguments
        devtool seed_scale $SEED_SCALE
    fi
fi

# Two cores: two worker processes (one per core, so both cores run Python in parallel despite the GIL)
# with four threads each, so a worker keeps its core busy while one request waits for PostgreSQL, and
# keep-alive connections are served. More processes only add context switches and memory here: the
# load generator and PostgreSQL need CPU on the same two cores.
# serve NAME PORT WSGI_APP [VAR=value ...]: gunicorn on loopback with the settings above, waits for it to answer.
serve() {
    local name=$1 port=$2 app=$3 check=$4
    shift 4
    echo "== $name: gunicorn on 127.0.0.1:$port (${GUNICORN_WORKERS:-2} workers x ${GUNICORN_THREADS:-4} threads)"
    env "$@" "$PY" -m gunicorn "$app" \
        --bind "127.0.0.1:$port" \
        --workers "${GUNICORN_WORKERS:-2}" --worker-class gthread --threads "${GUNICORN_THREADS:-4}" \
        --keep-alive 5 --timeout 30 --graceful-timeout 5 \
        --error-logfile "$OUT/gunicorn-$port.log" --log-level warning &
    SERVER_PIDS+=($!)
    "$PY" - "$port" "$check" <<'PYEOF'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}{sys.argv[2]}"
request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
for _ in range(150):
    try:
        with urllib.request.urlopen(request, timeout=2) as answer:  # noqa: S310 - fixed loopback URL
            if answer.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(f"{url} did not answer within 30 s; see test-artifacts/*/gunicorn-*.log")
PYEOF
}

echo "== Database ready in ${SECONDS} s"
serve portal "$PORT" charter_portal.wsgi:application /healthz
if [ "$MODE" = bench ]; then
    "$PY" -m tests.load.freshdb create "$PG" "$FLOOR_DB"
    FLOOR_DATABASE_URL="$PG/$FLOOR_DB" DJANGO_SETTINGS_MODULE=tests.load.floor.settings "$PY" -m django migrate --noinput -v 0
    serve "bare Django page" $((PORT + 1)) tests.load.floor.wsgi:application / \
        FLOOR_DATABASE_URL="$PG/$FLOOR_DB" DJANGO_SETTINGS_MODULE=tests.load.floor.settings
    if [ "${BENCH_COLD:-1}" != 0 ]; then
        serve "portal, nothing kept" $((PORT + 2)) charter_portal.wsgi:application /healthz CACHE_KEEP_BYPASS=1
    fi
fi

case "$MODE" in
loadtest)
    devtool bench_plan --out "$OUT/plan.json" --tokens 8
    "$PY" -m tests.load.prelogin "$OUT/plan.json" "http://127.0.0.1:$PORT" "${LOADTEST_USERS:-50}"
    echo "== locust: ${LOADTEST_USERS:-50} users for ${LOADTEST_SECONDS:-60} s"
    set +e
    LOADTEST_PLAN="$OUT/plan.json" timeout --kill-after=10 $((${LOADTEST_SECONDS:-60} + 60)) \
        "$PY" -m locust -f tests/load/locustfile.py --headless --only-summary \
        --users "${LOADTEST_USERS:-50}" --spawn-rate 10 --run-time "${LOADTEST_SECONDS:-60}s" --stop-timeout 5 \
        --host "http://127.0.0.1:$PORT" --csv "$OUT/loadtest" --json-file "$OUT/loadtest" --loglevel WARNING >"$OUT/locust.log" 2>&1
    set -e
    "$PY" tests/load/report.py "$OUT/loadtest.json"
    ;;
bench)
    EXTRA=()
    if [ "${BENCH_COLD:-1}" != 0 ]; then
        EXTRA+=(--cold-url "http://127.0.0.1:$((PORT + 2))")
    fi
    if [ -n "${BENCH_ONLY:-}" ]; then
        IFS=';' read -ra ONLY <<<"$BENCH_ONLY"
        EXTRA+=(--only "${ONLY[@]}")
    fi
    timeout --kill-after=10 1200 env DEVTOOLS=1 "$PY" manage.py bench --base-url "http://127.0.0.1:$PORT" \
        --floor-url "http://127.0.0.1:$((PORT + 1))" "${EXTRA[@]}" \
        --duration "${BENCH_SECONDS:-6}" --floor-duration "${BENCH_FLOOR_SECONDS:-3}" --warmup "${BENCH_WARMUP:-1.5}" \
        --rounds "${BENCH_ROUNDS:-3}" --concurrency "${BENCH_CONCURRENCY:-8}" --label "${BENCH_LABEL:-Ghent scale}" \
        --json "$OUT/bench.json"
    ;;
*)
    echo "unknown mode $MODE (loadtest or bench)" >&2
    exit 2
    ;;
esac
