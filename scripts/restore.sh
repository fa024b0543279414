#!/usr/bin/env bash
# make restore BACKUP=<folder>: a folder written by scripts/backup.sh into an
# EMPTY PostgreSQL database (DATABASE_URL) and an empty or missing MEDIA_ROOT.
# It refuses to restore over existing tables or files: create the database
# first (createdb coopdb), or move the old media away.
set -euo pipefail
cd "$(dirname "$0")/.."

folder="${1:?Usage: scripts/restore.sh <backup folder>}"
: "${DATABASE_URL:?Set DATABASE_URL to the empty PostgreSQL database to restore into.}"
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"

(cd "$folder" && sha256sum --check --quiet SHA256SUMS) || { echo "The backup in $folder is damaged." >&2; exit 2; }
tables=$(psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
  -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" != 0 ]; then
  echo "The database in DATABASE_URL is not empty ($tables tables): restore into a new, empty database." >&2
  exit 2
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  echo "MEDIA_ROOT ($MEDIA_ROOT) is not empty: move its files away first." >&2
  exit 2
fi

# One transaction: a failed restore leaves the database empty, not half-filled.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$folder/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xf "$folder/media.tar"
echo "Restored $folder into the database and $MEDIA_ROOT."
