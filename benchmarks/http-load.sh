#!/usr/bin/env bash
# Load test of the running system (./scripts/run.sh, or the AppHost in Release) with wrk:
#  - reads: GET /products/1 with 64 connections;
#  - orders: POST /orders/ with 32 connections, then the time until every order has left en_attente (reservation
#    done in Produits and answered back), which gives the sustained end-to-end order rate.
# The per-key quota (RateLimiting:PerApiKey, 1000/s) caps one key; raise it for a capacity test, e.g.
#   RateLimiting__PerApiKey__PermitLimit=1000000 dotnet run -c Release --project PayeTonKawa.AppHost --launch-profile http
# Usage: benchmarks/http-load.sh [seconds=20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-20}"
key="${API_KEY:-secret_key_123}"

pending() {
    curl -s -D - -o /dev/null -H "X-API-Key: $key" "http://localhost:8002/orders/?statut=en_attente&limit=1" \
        | tr -d '\r' | awk -F': ' 'tolower($1) == "x-total-count" { print $2 }'
}

curl -s -o /dev/null -X PUT -H "X-API-Key: $key" -H "Content-Type: application/json" -d '{"stock": 100000000}' http://localhost:8001/products/1

echo "==> Lectures : GET /products/1, 64 connexions, ${duration} s"
wrk -t2 -c64 -d5s -s benchmarks/wrk/read.lua http://localhost:8001/products/1 >/dev/null
wrk -t2 -c64 -d"${duration}s" --latency -s benchmarks/wrk/read.lua http://localhost:8001/products/1

echo "==> Commandes : POST /orders/, 32 connexions, ${duration} s"
wrk -t2 -c32 -d5s -s benchmarks/wrk/order.lua http://localhost:8002/orders/ >/dev/null
while [ "$(pending)" != "0" ]; do sleep 1; done
start=$(date +%s.%N)
output=$(wrk -t2 -c32 -d"${duration}s" --latency -s benchmarks/wrk/order.lua http://localhost:8002/orders/)
echo "$output"
while [ "$(pending)" != "0" ]; do sleep 0.5; done
end=$(date +%s.%N)
created=$(echo "$output" | awk '/requests in/ { print $1 }')
echo "==> ${created} commandes acceptées puis toutes traitées (réservation faite) en $(echo "$end - $start" | bc) s :" \
    "$(echo "scale=1; $created / ($end - $start)" | bc) commandes/s de bout en bout"
