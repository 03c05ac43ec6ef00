#!/usr/bin/env bash
# Runs a private PostgreSQL server for PayeTonKawa (started by the AppHost in Local mode).
# Usage: postgres.sh <data-directory> <port>; the superuser password comes from PGPASSWORD_INIT and the binaries from
# POSTGRES_BIN_DIR (default: the newest /usr/lib/postgresql/*/bin).
# PostgreSQL refuses to run as root: the server runs as the 'postgres' system user, which owns the data directory.
set -euo pipefail
data_dir=$1
port=$2

bin_dir=${POSTGRES_BIN_DIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin_dir" ] || [ ! -x "$bin_dir/postgres" ]; then
    echo "PostgreSQL est introuvable : installez-le avec 'apt-get install -y postgresql'." >&2
    exit 1
fi

# SIGINT is PostgreSQL's "fast" shutdown; the parent-death signal also stops the server if this script is killed.
run_server=(setpriv --pdeathsig INT --)
if [ "$(id -u)" -eq 0 ]; then
    run_server=(setpriv --pdeathsig INT --reuid=postgres --regid=postgres --init-groups --)
    mkdir -p "$data_dir"
    chown postgres:postgres "$data_dir"
fi
chmod 700 "$data_dir"

if [ ! -f "$data_dir/PG_VERSION" ]; then
    password_file=$(mktemp)
    printf '%s\n' "${PGPASSWORD_INIT:?PGPASSWORD_INIT is required}" > "$password_file"
    chmod 644 "$password_file"
    "${run_server[@]}" "$bin_dir/initdb" -D "$data_dir" -U postgres --pwfile="$password_file" \
        --auth-host=scram-sha-256 --auth-local=peer -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$password_file"
fi

# Not exec'd: PostgreSQL takes SIGTERM (what the AppHost sends) as a "smart" shutdown that waits for every client to
# disconnect, and pooled connections never do. The stop request is turned into a fast shutdown instead.
"${run_server[@]}" "$bin_dir/postgres" -D "$data_dir" -p "$port" -k "$data_dir" \
    -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on &
server=$!
trap 'kill -INT "$server" 2>/dev/null' TERM INT
status=0
wait "$server" || status=$?
# A trapped signal interrupts the first wait: wait again for the server to finish its shutdown.
if kill -0 "$server" 2>/dev/null; then
    wait "$server" || status=$?
fi
exit "$status"
