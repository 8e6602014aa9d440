#!/bin/sh
# Restores a backup made by deploy/backup.sh into a NEW, EMPTY database and file store.
#   deploy/restore.sh <target database URL> <simpul-…dump> [<simpul-….files.tar.gz> <DATA_DIR>]
# The target URL's role must be a superuser or BYPASSRLS (loading rows into FORCEd-RLS tables),
# e.g. postgres:///simpul_restored?user=postgres over the local socket. Create the database
# first, owned by Simpul's role: createdb -O simpul simpul_restored
# The dump keeps owners (the LAKSA search function must stay owned by simpul_search), so the
# roles must exist: Simpul's login role (create it as in deploy/README.md) and its three NOLOGIN
# roles, which this script creates when missing.
# It refuses a database that already has tables, and a file store that already has files.
set -eu
target=${1:?usage: restore.sh <target database URL> <dump> [<files.tar.gz> <DATA_DIR>]}
dump=${2:?usage: restore.sh <target database URL> <dump> [<files.tar.gz> <DATA_DIR>]}
files=${3:-}
data_dir=${4:-}

tables=$(psql -X -At -v ON_ERROR_STOP=1 -d "$target" -c \
  "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'")
if [ "$tables" != "0" ]; then
  echo "restore: the target database already has $tables tables; restore into a new, empty one" >&2
  exit 1
fi

psql -X -q -v ON_ERROR_STOP=1 -d "$target" <<'SQL'
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['simpul_app', 'simpul_platform', 'simpul_search'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOBYPASSRLS', r);
    END IF;
  END LOOP;
END $$;
SQL

# One transaction: a failed restore leaves the database empty, never half loaded.
pg_restore --exit-on-error --single-transaction --dbname="$target" "$dump"

# The owner of the restored schema must be able to switch to the roles again (a new cluster).
owner=$(psql -X -At -v ON_ERROR_STOP=1 -d "$target" -c \
  "select pg_get_userbyid(datdba) from pg_database where datname = current_database()")
psql -X -q -v ON_ERROR_STOP=1 -d "$target" -c \
  "GRANT simpul_app, simpul_platform, simpul_search TO \"$owner\""

if [ -n "$files" ]; then
  : "${data_dir:?the DATA_DIR to restore the files into}"
  if [ -d "$data_dir/files" ] && [ -n "$(ls -A "$data_dir/files")" ]; then
    echo "restore: $data_dir/files is not empty; restore into a new folder" >&2
    exit 1
  fi
  mkdir -p "$data_dir"
  tar -C "$data_dir" -xzf "$files"
fi
echo "restore: done into $target"
