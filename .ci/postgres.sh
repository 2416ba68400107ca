#!/usr/bin/env bash
# A private PostgreSQL for the tests: its own data folder, a free loopback port, started and stopped by the caller.
#   source .ci/postgres.sh; postgres_start; ...; postgres_stop
# postgres_start exports VOORTGANG_POSTGRES (a connection string) for the voortgang tests.

postgres_start() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "PostgreSQL installeren (Debian-pakket postgresql)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql) >/dev/null || { echo "PostgreSQL kon niet worden geïnstalleerd"; return 1; }
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  PG_DIR=$(mktemp -d /tmp/migratie-pg-XXXXXX)
  chown postgres "$PG_DIR"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$PG_PASSWORD" > "$PG_DIR/pw" && chown postgres "$PG_DIR/pw"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U migratie --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 >/dev/null || return 1
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >/dev/null || { cat "$PG_DIR/log"; return 1; }
  export VOORTGANG_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=migratie;Password=$PG_PASSWORD;Database=postgres"
  echo "PostgreSQL draait op 127.0.0.1:$PG_PORT (map $PG_DIR)"
}

postgres_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset VOORTGANG_POSTGRES PG_DIR
}
