#!/usr/bin/env bash
# Start the Debian PostgreSQL cluster the tests use, and make it reachable as
#   postgresql://postgres:postgres@127.0.0.1:5432/postgres
# Idempotent: safe to run when the cluster is already up and configured.
#
# Expects Debian/Ubuntu's `postgresql` package (postgresql-common: pg_lsclusters, pg_ctlcluster) and root.
# Environment: PG_PORT (default 5432), PG_PASSWORD (default postgres).
set -euo pipefail

port="${PG_PORT:-5432}"
password="${PG_PASSWORD:-postgres}"

die() { echo "start-postgres: $*" >&2; exit 1; }

command -v pg_lsclusters >/dev/null || die "pg_lsclusters not found: install PostgreSQL first (apt-get install -y postgresql)"
[ "$(id -u)" = 0 ] || die "must run as root (pg_ctlcluster and the cluster configuration need it)"

# The newest installed major version, e.g. 15.
version="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
[ -n "$version" ] || die "no PostgreSQL server under /usr/lib/postgresql: apt-get install -y postgresql"

# Use the cluster that exists for that version (normally "main"); create one when the package did not.
cluster="$(pg_lsclusters -h | awk -v v="$version" '$1 == v { print $2; exit }')"
if [ -z "$cluster" ]; then
  cluster=main
  echo "start-postgres: creating cluster $version/$cluster"
  pg_createcluster "$version" "$cluster" >/dev/null
fi

# Listen on 127.0.0.1:$port. A conf.d drop-in keeps the packaged postgresql.conf untouched.
confdir="/etc/postgresql/$version/$cluster/conf.d"
dropin="$confdir/nap1325.conf"
wanted="# Written by nap1325 scripts/ci/start-postgres.sh
listen_addresses = 'localhost'
port = $port"
restart=no
if [ ! -f "$dropin" ] || [ "$(cat "$dropin")" != "$wanted" ]; then
  mkdir -p "$confdir"
  printf '%s\n' "$wanted" > "$dropin"
  restart=yes
fi

status="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }')"
if [ "$status" = online ]; then
  # Restart only if the running server does not already listen where wanted (a restart drops every
  # session, e.g. another test run's).
  running_port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')"
  listen="$(runuser -u postgres -- psql -p "$running_port" -qAtc 'show listen_addresses' 2>/dev/null || true)"
  case ",${listen// /}," in *,localhost,*|*,127.0.0.1,*|*,\*,*) listening_locally=yes ;; *) listening_locally=no ;; esac
  if [ "$restart" = yes ] && { [ "$running_port" != "$port" ] || [ "$listening_locally" = no ]; }; then
    echo "start-postgres: restarting $version/$cluster to apply $dropin"
    pg_ctlcluster "$version" "$cluster" restart
  fi
else
  echo "start-postgres: starting $version/$cluster"
  pg_ctlcluster "$version" "$cluster" start
fi

# Wait until it accepts connections on the Unix socket (peer auth as the postgres OS user).
for _ in $(seq 1 60); do
  if runuser -u postgres -- psql -p "$port" -qAtc 'select 1' >/dev/null 2>&1; then break; fi
  sleep 0.5
done
runuser -u postgres -- psql -p "$port" -qAtc 'select 1' >/dev/null || die "cluster $version/$cluster did not come up; see /var/log/postgresql/postgresql-$version-$cluster.log"

# Password authentication over TCP (pg_hba: scram-sha-256 for 127.0.0.1). Re-setting it is harmless.
runuser -u postgres -- psql -p "$port" -qAtc "ALTER USER postgres PASSWORD '${password//\'/\'\'}'" >/dev/null

PGPASSWORD="$password" psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAtc 'select 1' >/dev/null \
  || die "cannot log in as postgres over TCP on 127.0.0.1:$port (check pg_hba.conf)"
echo "start-postgres: PostgreSQL $version/$cluster ready at postgresql://postgres:***@127.0.0.1:$port/postgres"
