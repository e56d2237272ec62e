#!/bin/sh
# Starts a PostgreSQL server for the store test suite and prints the URL to put in
# EDGEWATT_TEST_DATABASE_URL. For CI on Debian, run as root after `apt-get install postgresql`;
# it installs nothing. Safe to run twice: an existing cluster, role and database are reused.
#   EDGEWATT_TEST_DATABASE_URL="$(scripts/start-test-postgres.sh)" npx vitest run src/server/store
set -eu

DB_NAME="${EDGEWATT_PG_DB:-edgewatt_test}"
DB_USER="${EDGEWATT_PG_USER:-edgewatt}"
DB_PASS="${EDGEWATT_PG_PASSWORD:-edgewatt}"

log() { echo "start-test-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "run as root (it starts the cluster as the postgres user)"; exit 1
fi
command -v pg_lsclusters >/dev/null 2>&1 || { log "postgresql-common is missing: apt-get install postgresql"; exit 1; }

VERSION="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
[ -n "$VERSION" ] || { log "no PostgreSQL server under /usr/lib/postgresql: apt-get install postgresql"; exit 1; }

# Debian's package creates <version>/main; some container images skip that step
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
  log "creating cluster $VERSION/main"
  pg_createcluster "$VERSION" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $VERSION/main"
  pg_ctlcluster "$VERSION" main start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $3}')"

# wait for it to accept connections (pg_ctlcluster returns once the postmaster is up)
i=0
until su postgres -c "psql -p $PORT -Atqc 'SELECT 1'" >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -le 30 ] || { log "server on port $PORT did not answer"; exit 1; }
  sleep 1
done

psql_admin() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -Atq $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE $DB_NAME OWNER $DB_USER\"" >&2
fi

echo "postgres://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_NAME"
