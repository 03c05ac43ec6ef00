#!/usr/bin/env bash
# Benchmark of the three APIs in a production profile, against pgbench on the same PostgreSQL in the same run.
#
# Profile: Release build (dotnet publish), ASPNETCORE_ENVIRONMENT=Production, JSON console logs at Information (one
# line per request, as in production; written to a file), no trace export (no OTLP endpoint: no dashboard on the
# measured path), connection strings as the Kubernetes manifests give them (Maximum Pool Size=20), per-key quota
# lifted so that the quota does not measure itself. PostgreSQL and RabbitMQ are private servers started here
# (scripts/infra), on their own ports and data, stopped at the end.
#
# Scenarios, at each connection level (16, 64, 256 by default): GET /products/{id}; GET /customers/?limit=20;
# POST /orders/ with two lines on the same two products (a flash sale), then the time until no order waits for its
# stock, which gives the end-to-end rate (accepted -> reserved -> validee); pgbench select-by-id (-S) at the same
# level (200 clients at most: the server allows 300 connections, the APIs' pools hold up to 60). Then orders at a steady 50/s: accepted -> validee p50/p99. Resident memory of each API after each level.
#
# Usage: benchmarks/production.sh [seconds per scenario=15]   (LEVELS="16 64 256" to change the levels)
# Needs: wrk, pgbench (postgresql), rabbitmq-server, bc; not another system on ports 18000-18002, 56432, 56672.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-15}"
levels="${LEVELS:-16 64 256}"
work=$(mktemp -d /tmp/payetonkawa-bench.XXXXXX)
chmod 755 "$work"
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
export API_KEY="bench_${password}"
pg_port=56432
mq_port=56672
pids=()
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for busy in "$pg_port" "$mq_port" 56673 56674 18000 18001 18002; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$busy") 2>/dev/null; then
        echo "Le port $busy est déjà pris : arrêtez ce qui l'écoute (un autre système lancé ?) avant le banc d'essai." >&2
        exit 1
    fi
done

echo "==> Serveurs privés (données dans $work)"
PGPASSWORD_INIT=$password bash scripts/infra/postgres.sh "$work/postgres" "$pg_port" >"$work/postgres.log" 2>&1 &
pids+=($!)
RABBITMQ_USER_INIT=bench RABBITMQ_PASSWORD_INIT=$password \
    bash scripts/infra/rabbitmq.sh "$work/rabbitmq" "$mq_port" 56673 56674 >"$work/rabbitmq.log" 2>&1 &
pids+=($!)
export PGPASSWORD=$password
until pg_isready -q -h 127.0.0.1 -p "$pg_port"; do sleep 0.5; done
until (exec 3<>"/dev/tcp/127.0.0.1/$mq_port") 2>/dev/null; do sleep 0.5; done

echo "==> Compilation Release"
declare -A port=([Clients]=18000 [Produits]=18001 [Commandes]=18002)
declare -A api_pid
for api in Clients Produits Commandes; do
    dotnet publish "PayeTonKawa.$api" -c Release -o "$work/$api" -v q --nologo >/dev/null
done
for api in Clients Produits Commandes; do
    db="$(echo "$api" | tr '[:upper:]' '[:lower:]')db"
    env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:${port[$api]}" \
        "ConnectionStrings__$db=Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$password;Database=$db;Maximum Pool Size=20" \
        "ConnectionStrings__messaging=amqp://bench:$password@127.0.0.1:$mq_port/" \
        ApiKeys__LegacyKey="$API_KEY" RateLimiting__PerApiKey__PermitLimit=100000000 \
        "$work/$api/PayeTonKawa.$api" >"$work/$api.log" 2>&1 &
    api_pid[$api]=$!
    pids+=($!)
done
for api in Clients Produits Commandes; do
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$api]}/health")" = 200 ]; do sleep 0.5; done
done

post() { curl -s -X POST -H "X-API-Key: $API_KEY" -H "Content-Type: application/json" -d "$2" "$1"; }
id_of() { sed -E 's/.*"id":([0-9]+).*/\1/'; }
echo "==> Données : 3 produits, 200 clients ; pgbench -i -s 10"
read_product=$(post http://127.0.0.1:18001/products/ '{"nom":"Lecture","prix":12.5,"stock":100}' | id_of)
hot1=$(post http://127.0.0.1:18001/products/ '{"nom":"Vente flash 1","prix":12.5,"stock":2000000000}' | id_of)
hot2=$(post http://127.0.0.1:18001/products/ '{"nom":"Vente flash 2","prix":8,"stock":2000000000}' | id_of)
for i in $(seq 1 200); do
    post http://127.0.0.1:18000/customers/ "{\"nom\":\"Banc\",\"prenom\":\"Essai\",\"email\":\"banc.$i@example.com\",\"mot_de_passe\":\"motdepasse\"}" >/dev/null
done
createdb -h 127.0.0.1 -p "$pg_port" -U postgres pgbench
pgbench -q -i -s 10 -h 127.0.0.1 -p "$pg_port" -U postgres pgbench >/dev/null 2>&1
export PRODUITS="$hot1,$hot2"

rss() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/${api_pid[$1]}/status"; }
pending() {
    curl -s -D - -o /dev/null -H "X-API-Key: $API_KEY" "http://127.0.0.1:18002/orders/?statut=en_attente&limit=1" \
        | tr -d '\r' | awk -F': ' 'tolower($1) == "x-total-count" { print $2 }'
}
# One wrk run -> "req/s p50 p99 errors" (latencies in ms; errors = non-2xx responses + socket errors).
measure() {
    local connections=$1 script=$2 url=$3 output
    output=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$script" "$url")
    echo "$output" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /Non-2xx/ { errors += $NF }
        /Socket errors/ { for (i = 4; i <= NF; i += 2) { gsub(",", "", $i); errors += $i } }
        END { printf "%.0f %.1f %.1f %d", rps, p50, p99, errors }'
}
# PostgreSQL allows 300 connections and the three APIs hold up to 60: pgbench uses at most 200 clients.
pgbench_tps() {
    pgbench -n -S -c "$(( $1 > 200 ? 200 : $1 ))" -j 2 -T "$duration" -h 127.0.0.1 -p "$pg_port" -U postgres pgbench 2>/dev/null \
        | awk '/^tps/ { printf "%.0f", $3 }'
}

# Accepted -> validee, p50 and p99 in ms, of the orders created since $1 (a database timestamp), read from the orders
# themselves (date_commande, set when the order is accepted; date_modification, set when its stock answer validates it).
validation_delays() {
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -d commandesdb -At -F' ' -c "
        SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric)
        FROM (SELECT extract(epoch FROM date_modification - date_commande) * 1000 AS ms
              FROM commandes WHERE date_commande >= '$1' AND statut = 'validee') delays"
}
db_now() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d commandesdb -At -c "SELECT now()"; }

# PAST_EVENTS=1000000: the databases first receive that many published outbox rows and processed-event records each
# (dated within the retention periods, so not purged), to compare the figures with those of a fresh database.
past_events="${PAST_EVENTS:-0}"
if [ "$past_events" -gt 0 ]; then
    echo "==> $past_events événements passés par base (outbox publiée et événements traités)"
    for db in clientsdb produitsdb commandesdb; do
        psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -v ON_ERROR_STOP=1 -c "
            INSERT INTO outbox_messages (event_id, routing_key, payload, created_at, sent_at, attempts)
            SELECT gen_random_uuid(), 'commande.created', jsonb_build_object('commande_id', n, 'data', jsonb_build_object('total', n)),
                   now() - interval '3 days' + n * interval '200 microseconds', now() - interval '3 days' + n * interval '200 microseconds', 1
            FROM generate_series(1, $past_events) n;
            INSERT INTO processed_events (event_id, queue, routing_key, processed_at)
            SELECT gen_random_uuid(), 'benchmark_history', 'commande.created', now() - interval '3 days' + n * interval '200 microseconds'
            FROM generate_series(1, $past_events) n;" \
            -c "VACUUM ANALYZE outbox_messages" -c "VACUUM ANALYZE processed_events"
    done
fi

# A service in production is warm: 5 s of each scenario first, so that the first level does not measure the JIT.
echo "==> Mise en route (5 s par scénario)"
wrk -t2 -c16 -d5s -s benchmarks/wrk/read.lua "http://127.0.0.1:18001/products/$read_product" >/dev/null
wrk -t2 -c16 -d5s -s benchmarks/wrk/read.lua "http://127.0.0.1:18000/customers/?limit=20" >/dev/null
wrk -t2 -c16 -d5s -s benchmarks/wrk/order-two-lines.lua http://127.0.0.1:18002/orders/ >/dev/null
while [ "$(pending)" != "0" ]; do sleep 0.5; done

results="$work/results.txt"
echo "| connexions | scénario | req/s | p50 ms | p99 ms | erreurs | ratio à pgbench | commandes/s de bout en bout | 201 -> validee p50 / p99 ms | RSS Clients / Produits / Commandes (Mo) |" >"$results"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|" | tee -a "$results"
for c in $levels; do
    echo "==> $c connexions"
    tps=$(pgbench_tps "$c")
    read -r rps p50 p99 errors <<<"$(measure "$c" benchmarks/wrk/read.lua "http://127.0.0.1:18001/products/$read_product")"
    echo "| $c | GET /products/{id} | $rps | $p50 | $p99 | $errors | $(echo "scale=3; $rps / $tps" | bc) | | | |" | tee -a "$results"
    read -r rps p50 p99 errors <<<"$(measure "$c" benchmarks/wrk/read.lua "http://127.0.0.1:18000/customers/?limit=20")"
    echo "| $c | GET /customers/?limit=20 | $rps | $p50 | $p99 | $errors | $(echo "scale=3; $rps / $tps" | bc) | | | |" | tee -a "$results"
    since=$(db_now)
    start=$(date +%s.%N)
    read -r rps p50 p99 errors <<<"$(measure "$c" benchmarks/wrk/order-two-lines.lua http://127.0.0.1:18002/orders/)"
    while [ "$(pending)" != "0" ]; do sleep 0.5; done
    drained=$(date +%s.%N)
    accepted=$(echo "$rps * $duration" | bc)
    e2e=$(echo "scale=0; $accepted / ($drained - $start)" | bc)
    read -r vp50 vp99 <<<"$(validation_delays "$since")"
    echo "| $c | POST /orders/ (2 lignes, 2 produits) | $rps | $p50 | $p99 | $errors | | $e2e | $vp50 / $vp99 | $(rss Clients) / $(rss Produits) / $(rss Commandes) |" | tee -a "$results"
    echo "| $c | pgbench -S | $tps | | | | 1 | | | |" | tee -a "$results"
done

echo "==> 50 commandes/s pendant 20 s"
since=$(db_now)
read -r pp50 pp99 count failures <<<"$(dotnet run benchmarks/OrderPacing.cs http://127.0.0.1:18002 "$hot1" 50 20 2>"$work/pacing.log" | tail -n 1)" \
    || { cat "$work/pacing.log" >&2; exit 1; }
while [ "$(pending)" != "0" ]; do sleep 0.5; done
read -r lp50 lp99 <<<"$(validation_delays "$since")"

# SOAK_SECONDS=600: reads and orders together at 64 connections for that long, resident memory sampled every 30 s.
curve=""
if [ "${SOAK_SECONDS:-0}" -gt 0 ]; then
    echo "==> Endurance : ${SOAK_SECONDS} s de lectures et de commandes, mémoire toutes les 30 s"
    wrk -t1 -c32 -d"${SOAK_SECONDS}s" -s benchmarks/wrk/read.lua "http://127.0.0.1:18001/products/$read_product" >/dev/null &
    soak_reads=$!
    wrk -t1 -c32 -d"${SOAK_SECONDS}s" -s benchmarks/wrk/order-two-lines.lua http://127.0.0.1:18002/orders/ >/dev/null &
    soak_orders=$!
    for t in $(seq 0 30 "$SOAK_SECONDS"); do
        curve+="| $t s | $(rss Clients) | $(rss Produits) | $(rss Commandes) |"$'\n'
        [ "$t" -lt "$SOAK_SECONDS" ] && sleep 30
    done
    wait "$soak_reads" "$soak_orders" || true
    while [ "$(pending)" != "0" ]; do sleep 0.5; done
    sleep 30
    curve+="| repos (+30 s) | $(rss Clients) | $(rss Produits) | $(rss Commandes) |"$'\n'
fi

echo
echo "Charge de la machine (1, 5, 15 min) au départ : $load_at_start ; événements passés par base : $past_events"
cat "$results"
echo
echo "Commandes à 50/s ($count acceptées, $failures refusées) : 201 en p50 ${pp50} ms, p99 ${pp99} ms ; 201 -> validee p50 ${lp50} ms, p99 ${lp99} ms."
if [ -n "$curve" ]; then
    echo
    echo "| temps | RSS Clients (Mo) | RSS Produits (Mo) | RSS Commandes (Mo) |"
    echo "|---|---:|---:|---:|"
    printf '%s' "$curve"
fi
echo "Mémoire résidente à la fin (Mo) : Clients $(rss Clients), Produits $(rss Produits), Commandes $(rss Commandes)."
echo "Charge de la machine (1, 5, 15 min) à la fin : $(cut -d' ' -f1-3 /proc/loadavg)"
