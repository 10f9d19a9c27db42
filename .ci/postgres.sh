# Starts and stops a throwaway PostgreSQL cluster for the tests.
# initdb refuses to run as root, so the cluster belongs to the `postgres`
# user (or the current user when not root). Exports ENTENTE_TEST_POSTGRES.

start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "ci: PostgreSQL not installed; PostgreSQL tests will fail when required" >&2
    return 0
  fi
  PG_DIR=$(mktemp -d /tmp/entente-pg.XXXXXX)
  local run_as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    run_as=(runuser -u postgres --)
  fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 54329)
  "${run_as[@]}" "$bindir/initdb" -D "$PG_DIR/data" -U entente --auth=trust -E UTF8 >/dev/null
  "${run_as[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c unix_socket_directories=$PG_DIR -c max_connections=200" start >/dev/null
  export ENTENTE_TEST_POSTGRES="postgres://entente@127.0.0.1:$PG_PORT/postgres"
  PG_RUN_AS=("${run_as[@]}")
  PG_BIN=$bindir
  echo "ci: PostgreSQL on $ENTENTE_TEST_POSTGRES"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
