#!/bin/sh
# First start of the compose `db` service: the role Simpul connects as. It owns its database and
# may create the NOLOGIN roles the migrator needs (simpul_app, simpul_platform, simpul_search),
# but it is no superuser and has no BYPASSRLS, so row-level security binds it.
set -eu
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -v pw="$SIMPUL_PASSWORD" <<'SQL'
CREATE ROLE simpul LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS PASSWORD :'pw';
CREATE DATABASE simpul OWNER simpul;
SQL
