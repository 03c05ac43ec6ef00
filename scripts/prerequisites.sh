#!/usr/bin/env bash
# Installs what PayeTonKawa needs on a fresh Debian 12 machine and is missing here:
# PostgreSQL and RabbitMQ server binaries (started by the AppHost itself when no container runtime answers)
# and the repository's .NET local tools. Safe to run again: it installs nothing that is already there.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)

if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Installation de : ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null
