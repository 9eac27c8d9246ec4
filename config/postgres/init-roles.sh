#!/bin/sh
# Run once by the postgres image on an empty data directory (docker-compose.yml mounts it into
# /docker-entrypoint-initdb.d): the two roles of ADR 0009 and the database, owned by the owner.
#   prm_owner  owns the tables, runs migrations (BYPASSRLS for data migrations); never given to
#              web, worker or beat
#   prm_app    what the application connects as: no SUPERUSER, no BYPASSRLS, owns nothing
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$PRM_OWNER_PASSWORD" -v app_pw="$PRM_APP_PASSWORD" <<'SQL'
CREATE ROLE prm_owner LOGIN CREATEDB BYPASSRLS PASSWORD :'owner_pw';
CREATE ROLE prm_app LOGIN NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
CREATE DATABASE prm OWNER prm_owner;
REVOKE ALL ON DATABASE prm FROM PUBLIC;
GRANT CONNECT ON DATABASE prm TO prm_app;
SQL
