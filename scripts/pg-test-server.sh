#!/usr/bin/env bash
# A throwaway PostgreSQL server for the shared-ledger tests and benchmarks, from the distribution's binaries.
#   scripts/pg-test-server.sh start [DIR]   initdb (trust, local only) in DIR, start on port ${PGPORT:-55432},
#                                            create database telesynth_test; prints the JDBC URL on stdout
#   scripts/pg-test-server.sh stop [DIR]    stop it (the directory is removed)
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail
cmd="${1:-start}"
dir="${2:-${TMPDIR:-/tmp}/telesynth-pg}"
port="${PGPORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "pg-test-server: no PostgreSQL binaries (apt-get install postgresql)" >&2; exit 1; }
as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ -f "$dir/data/postmaster.pid" ] && as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      cat "$dir/url"; exit 0
    fi
    # the first free port from $port on (another server, e.g. a developer's, may hold it)
    while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as "$bin/initdb" -D "$dir/data" -U telesynth --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as "$bin/createdb" -h 127.0.0.1 -p "$port" -U telesynth telesynth_test
    echo "jdbc:postgresql://127.0.0.1:$port/telesynth_test?user=telesynth" | tee "$dir/url"
    ;;
  stop)
    [ -d "$dir/data" ] && as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
