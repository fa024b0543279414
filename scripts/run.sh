#!/usr/bin/env bash
# make run: a local site on SQLite with the seed data, at http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var
# A per-checkout secret, generated once and never committed (var/ is ignored).
[ -s var/secret_key ] || $PY -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
export SECRET_KEY="$(cat var/secret_key)"
export DEBUG="${DEBUG:-0}"
$PY manage.py migrate --noinput
$PY manage.py load_seed
$PY manage.py record_changes -v 0
$PY manage.py collectstatic --noinput -v 0
$PY manage.py ensure_local_admin
# Local webhook receivers (127.0.0.1, a LAN address) are fine on a laptop;
# production refuses them (docs/api.md "Webhooks").
export WEBHOOK_ALLOW_PRIVATE_ADDRESSES="${WEBHOOK_ALLOW_PRIVATE_ADDRESSES:-1}"
# The job worker (webhook deliveries, scheduled report e-mails: docs/jobs.md)
# and the server run side by side; when either ends, or on Ctrl+C or a
# TERM to this script, both are stopped (the server's reloader child first).
$PY manage.py db_worker --no-reload --interval 2 --verbosity 1 &
WORKER=$!
$PY manage.py runserver "${PORT:-127.0.0.1:8000}" &
SERVER=$!
stop() {
    pkill -TERM -P "$SERVER" 2>/dev/null || true
    kill -TERM "$SERVER" "$WORKER" 2>/dev/null || true
    wait "$SERVER" "$WORKER" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM
echo "CoopDB: http://${PORT:-127.0.0.1:8000}/  (admin: http://${PORT:-127.0.0.1:8000}/admin/)  job worker: pid $WORKER"
# Returns when the server or the worker ends (bash 4.3+: wait -n).
wait -n "$SERVER" "$WORKER"
