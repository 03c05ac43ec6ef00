#!/usr/bin/env bash
# Memory and CPU of each API process of the running system (./scripts/run.sh, or the AppHost in Release), at rest and
# under load, to size the Kubernetes requests and limits (deploy/kubernetes/base/*/deployment.yaml):
#  - at rest: resident memory (RSS) after start-up;
#  - under load: peak RSS and mean CPU (in cores) of each API while wrk drives it, one API at a time
#    (reads on Clients and Produits, orders on Commandes, which also makes Produits reserve stock).
# The per-key quota caps one key: start the AppHost with RateLimiting__PerApiKey__PermitLimit=1000000.
# Usage: benchmarks/instance-footprint.sh [seconds=20] [connections=32]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-20}"
connections="${2:-32}"
key="${API_KEY:-secret_key_123}"
ticks=$(getconf CLK_TCK)

pid_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

declare -A pids=([clients]=$(pid_on 8000) [produits]=$(pid_on 8001) [commandes]=$(pid_on 8002))
for api in clients produits commandes; do
    [ -n "${pids[$api]}" ] || { echo "Aucune API $api en écoute : lancez d'abord le système." >&2; exit 1; }
done

curl -s -o /dev/null -X PUT -H "X-API-Key: $key" -H "Content-Type: application/json" -d '{"stock": 100000000}' http://localhost:8001/products/1

printf '%-10s %12s\n' "API" "RSS repos"
for api in clients produits commandes; do printf '%-10s %9s Mo\n' "$api" "$(rss_mb "${pids[$api]}")"; done

# Drives one scenario while sampling every API: peak RSS and mean CPU over the run.
measure() {
    local label="$1"; shift
    declare -A start peak
    for api in clients produits commandes; do start[$api]=$(cpu_ticks "${pids[$api]}"); peak[$api]=0; done
    local begin; begin=$(date +%s.%N)
    wrk -t2 -c"$connections" -d"${duration}s" "$@" >/tmp/footprint-wrk.txt &
    local wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null; do
        for api in clients produits commandes; do
            local rss; rss=$(rss_mb "${pids[$api]}")
            [ "$rss" -gt "${peak[$api]}" ] && peak[$api]=$rss
        done
        sleep 1
    done
    local elapsed; elapsed=$(echo "$(date +%s.%N) - $begin" | bc)
    echo
    echo "==> ${label} ($(awk '/Requests\/sec/ { print $2 }' /tmp/footprint-wrk.txt) req/s, ${connections} connexions)"
    printf '%-10s %12s %12s\n' "API" "RSS max" "CPU moyen"
    for api in clients produits commandes; do
        local cores; cores=$(echo "scale=2; ($(cpu_ticks "${pids[$api]}") - ${start[$api]}) / $ticks / $elapsed" | bc)
        printf '%-10s %9s Mo %7s cœur\n' "$api" "${peak[$api]}" "$cores"
    done
}

measure "Lectures GET /customers/?limit=20" -s benchmarks/wrk/read.lua "http://localhost:8000/customers/?limit=20"
measure "Lectures GET /products/1" -s benchmarks/wrk/read.lua http://localhost:8001/products/1
measure "Commandes POST /orders/ (réservation dans Produits)" -s benchmarks/wrk/order.lua http://localhost:8002/orders/
echo
printf '%-10s %12s\n' "API" "RSS après"
for api in clients produits commandes; do printf '%-10s %9s Mo\n' "$api" "$(rss_mb "${pids[$api]}")"; done
