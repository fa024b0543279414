#!/usr/bin/env bash
# make backup: the PostgreSQL database (pg_dump, custom format) and MEDIA_ROOT
# (signed documents, tar) into a new folder BACKUP_DIR/<UTC time stamp>/.
#   DATABASE_URL  postgres://user:pass@host:5432/coopdb (required)
#   MEDIA_ROOT    default var/media
#   BACKUP_DIR    default var/backups
# Restore with scripts/restore.sh <folder> (make restore BACKUP=<folder>).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up.}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh backs up PostgreSQL only (DATABASE_URL=postgres://...)." >&2; exit 2 ;;
esac
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"
BACKUP_DIR="${BACKUP_DIR:-var/backups}"

folder="$BACKUP_DIR/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$folder"
# Written to a temporary name first: a folder with database.dump is complete.
pg_dump --format=custom --no-owner --no-privileges --file="$folder/database.dump.part" --dbname="$DATABASE_URL"
mv "$folder/database.dump.part" "$folder/database.dump"
if [ -d "$MEDIA_ROOT" ]; then
  tar -C "$MEDIA_ROOT" -cf "$folder/media.tar" .
else
  tar -cf "$folder/media.tar" -T /dev/null  # no media yet: an empty archive
fi
(cd "$folder" && sha256sum database.dump media.tar > SHA256SUMS)
echo "$folder"
