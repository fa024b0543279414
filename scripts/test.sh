#!/usr/bin/env bash
# make test: the whole suite on PostgreSQL.
#   1. DATABASE_URL if set;
#   2. else the server on 127.0.0.1:5432;
#   3. else a throwaway cluster started here from the PostgreSQL binaries.
# Browser tests need Debian's Chromium; it is installed when missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

find_pg_bin() {
  local dir
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return; }; done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return
  return 1
}

PG_AS=()
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

start_throwaway_cluster() {
  local bin dir port=55432
  if ! bin=$(find_pg_bin); then
    echo "No PostgreSQL found. Install one (Debian/Ubuntu: sudo apt-get install postgresql) or set DATABASE_URL." >&2
    exit 2
  fi
  dir=$(mktemp -d /tmp/coopdb-pg.XXXXXX)
  # initdb refuses to run as root: run the cluster as the postgres user then.
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"; PG_AS=(runuser -u postgres --)
  fi
  "${PG_AS[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  while port_open 127.0.0.1 "$port"; do port=$((port + 1)); done
  "${PG_AS[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  PG_STOP=("${PG_AS[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop)
  PG_DIR=$dir
  trap '"${PG_STOP[@]}" >/dev/null; rm -rf "$PG_DIR"' EXIT
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "Started a throwaway PostgreSQL cluster on port $port."
}

if [ -z "${DATABASE_URL:-}" ]; then
  if [ -z "${COOPDB_THROWAWAY_PG:-}" ] && port_open 127.0.0.1 5432; then
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
  else
    start_throwaway_cluster
  fi
fi

# The bench's smoke test (tests/perf) loads gunicorn with wrk.
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk for the bench smoke test..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "The bench smoke test needs wrk: sudo apt-get install wrk." >&2
    exit 2
  fi
fi

if ! command -v chromium >/dev/null 2>&1 && [ -z "${COOPDB_SKIP_BROWSER:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's Chromium for the browser tests..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
  else
    echo "Browser tests need Chromium: sudo apt-get install chromium (or set COOPDB_SKIP_BROWSER=1)." >&2
    exit 2
  fi
fi

# axe-core for the browser tests' accessibility crawl, from the npm registry
# (package.json / package-lock.json pin it; node_modules/ is not committed).
if [ -z "${COOPDB_SKIP_BROWSER:-}" ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installing axe-core for the browser tests..."
    npm ci --no-audit --no-fund --silent
  else
    echo "Browser tests need npm for axe-core: sudo apt-get install npm (or set COOPDB_SKIP_BROWSER=1)." >&2
    exit 2
  fi
fi

export SECRET_KEY="${SECRET_KEY:-test-only-secret-key}"
# Not exec: the EXIT trap must still stop a throwaway cluster.
# Two workers: the machine has two cores (PYTEST_WORKERS=0 runs in one process).
.venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "$@"
