#!/bin/sh
# Backs up Simpul: the whole database (pg_dump -Fc) and the file store (DATA_DIR/files, tar.gz)
# into BACKUP_DIR as simpul-<UTC stamp>.dump and simpul-<UTC stamp>.files.tar.gz, then deletes
# backups older than BACKUP_KEEP_DAYS. Run nightly by deploy/systemd/simpul-backup.timer.
#
# Environment (deploy/simpul.env.example):
#   BACKUP_DIR            where backups go (required)
#   BACKUP_DATABASE_URL   a role that may read every row: superuser or BYPASSRLS (default:
#                         DATABASE_URL). Simpul's own role cannot: RLS is FORCEd on every table,
#                         so pg_dump as the owner would stop at the first table (as it should).
#   DATA_DIR              Simpul's data folder (default ./data); BACKUP_KEEP_DAYS (default 14)
#
# The database first, then the files: every file a row points at is in the tar (files written
# after the dump are harmless extras). Each part is written under a temporary name and renamed,
# so `deploy check` and a restore never see half a backup.
set -eu
: "${BACKUP_DIR:?BACKUP_DIR is not set}"
url=${BACKUP_DATABASE_URL:-${DATABASE_URL:?DATABASE_URL is not set}}
data_dir=${DATA_DIR:-./data}
keep=${BACKUP_KEEP_DAYS:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
umask 077
mkdir -p "$BACKUP_DIR"
base="$BACKUP_DIR/simpul-$stamp"

pg_dump --format=custom --compress=6 --file="$base.dump.part" "$url"
mv "$base.dump.part" "$base.dump"

if [ -d "$data_dir/files" ]; then
  tar -C "$data_dir" -czf "$base.files.tar.gz.part" files
else
  # No uploads yet: an empty archive, so a restore always has both parts.
  tar -czf "$base.files.tar.gz.part" -T /dev/null
fi
mv "$base.files.tar.gz.part" "$base.files.tar.gz"

find "$BACKUP_DIR" -maxdepth 1 -name 'simpul-*' -mtime "+$keep" -delete
echo "backup: $base.dump $base.files.tar.gz"
