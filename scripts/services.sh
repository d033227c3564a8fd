#!/usr/bin/env bash
# Starts the servers the PostgreSQL and distributed tests use, on 127.0.0.1 only, if they are not
# already answering: Debian's PostgreSQL 15 cluster (a role and database `cleanpath`, password
# `cleanpath`) on port 5432 and a Redis server on port 6379. Idempotent; .ci/run calls it, and a
# developer can too. Tests read CLEANPATH_TEST_DATABASE_URL and CLEANPATH_TEST_REDIS_URL
# (defaults below) and say plainly when a server is absent.
set -euo pipefail

if command -v pg_lsclusters >/dev/null; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q "^$ver main"; then
    pg_createcluster "$ver" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$ver" main start -o "-c listen_addresses=127.0.0.1"
  fi
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='cleanpath'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE ROLE cleanpath LOGIN CREATEDB PASSWORD 'cleanpath'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='cleanpath'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE DATABASE cleanpath OWNER cleanpath\""
  echo "postgresql: postgres://cleanpath:cleanpath@127.0.0.1:5432/cleanpath"
else
  echo "postgresql: not installed (apt-get install postgresql)" >&2
fi

if command -v redis-server >/dev/null; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
    for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  fi
  echo "redis: redis://127.0.0.1:6379"
else
  echo "redis: not installed (apt-get install redis-server)" >&2
fi
