#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests, from Debian's `postgresql` package.
#   scripts/postgres-test-server.sh start   starts a cluster in a new temporary directory (trust auth, listening on
#                                           127.0.0.1 on a free port and on a socket in that directory), creates the
#                                           database mmskit_test, and prints two lines: the URL
#                                           (postgres://postgres@127.0.0.1:PORT/mmskit_test) and the directory.
#                                           The role mmskit_password alone must log in with its password
#                                           (scram-sha-256), mmskit-test-password, for the tests of a wrong one.
#   scripts/postgres-test-server.sh stop DIR   stops that cluster and removes its directory.
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

bindir() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
        [ -x "$dir/initdb" ] && [ -x "$dir/psql" ] && { echo "$dir"; return; }
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] || { echo "postgres-test-server: no PostgreSQL binaries (apt-get install postgresql)" >&2; exit 2; }
    echo "$dir"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
start)
    # The server outlives this script, so it must hold no descriptor it inherited by accident: a test process
    # that starts other children at the same moment can leak their pipes into us, and a server keeping one
    # open would leave that child's reader waiting for an end of file that never comes. (255 is bash's own.)
    for fd in /proc/$$/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ] 2>/dev/null && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    bin=$(bindir)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/mmskit-postgres-XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "postgres-test-server: there is no postgres user to run the server as" >&2; exit 2; }
        chown postgres "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 2; }
    hba="$dir/data/pg_hba.conf"
    { printf 'local all mmskit_password scram-sha-256\nhost all mmskit_password 127.0.0.1/32 scram-sha-256\n'; cat "$hba"; } >"$hba.new"
    chown --reference="$hba" "$hba.new" && chmod 600 "$hba.new" && mv "$hba.new" "$hba"
    for _ in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100" start >/dev/null 2>&1; then
            as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -c 'CREATE DATABASE mmskit_test' >/dev/null
            as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q \
                -c "CREATE ROLE mmskit_password LOGIN PASSWORD 'mmskit-test-password'" >/dev/null
            echo "postgres://postgres@127.0.0.1:$port/mmskit_test"
            echo "$dir"
            exit 0
        fi
    done
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    exit 2
    ;;
stop)
    dir=${2:?usage: postgres-test-server.sh stop DIR}
    [ -d "$dir/data" ] || { echo "postgres-test-server: $dir holds no cluster" >&2; exit 2; }
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: postgres-test-server.sh start | stop DIR" >&2
    exit 64
    ;;
esac
