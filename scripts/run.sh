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
echo "CoopDB: http://${PORT:-127.0.0.1:8000}/  (admin: http://${PORT:-127.0.0.1:8000}/admin/)"
exec $PY manage.py runserver "${PORT:-127.0.0.1:8000}"
