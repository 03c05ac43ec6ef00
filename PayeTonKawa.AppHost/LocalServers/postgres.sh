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
server_user=$(id -un)
mkdir -p "$data_dir"
if [ "$(id -u)" -eq 0 ]; then
    run_server=(setpriv --pdeathsig INT --reuid=postgres --regid=postgres --init-groups --)
    server_user=postgres
    chown postgres:postgres "$data_dir"
fi
chmod 700 "$data_dir"

# Root can create and chown the folder anywhere, yet the server user may not reach it: a parent such as /root (mode
# 700) closes the way, and initdb would only fail later with a less telling message.
if ! "${run_server[@]}" test -w "$data_dir" || ! "${run_server[@]}" test -x "$data_dir"; then
    echo "PostgreSQL ne peut pas utiliser son dossier de données $data_dir : l'utilisateur '$server_user', qui fait tourner le serveur, n'y a pas accès en écriture." >&2
    echo "Piste : un dossier parent lui est fermé (comme /root, en mode 700). Choisissez un dossier qu'il peut traverser avec Infrastructure__Local__DataDirectory (en root, le dossier par défaut est sous /var/lib/payetonkawa), ou ouvrez le passage (chmod o+x sur chaque dossier parent)." >&2
    exit 1
fi

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
