#!/usr/bin/env bash
# Benchmark of the three APIs in a production profile, against pgbench on the same PostgreSQL in the same run.
#
# Profile: Release build (dotnet publish), ASPNETCORE_ENVIRONMENT=Production, JSON console logs at Information (one
# line per request, as in production; written to a file), no trace export (no OTLP endpoint: no dashboard on the
# measured path), connection strings as the Kubernetes manifests give them (Maximum Pool Size=20), per-key quota
# lifted so that the quota does not measure itself. PostgreSQL and RabbitMQ are private servers started here
# (PayeTonKawa.AppHost/LocalServers), on their own ports and data, stopped at the end.
#
# Scenarios, at each connection level (16, 64, 256 by default): GET /products/{id}; GET /customers/?limit=20;
# POST /orders/ with two lines on the same two products (a flash sale), then the time until no order waits for its
# stock, which gives the end-to-end rate (accepted -> reserved -> validee); pgbench select-by-id (-S) at the same
# level (200 clients at most: the server allows 300 connections, the APIs' pools hold up to 60). Then orders at a steady 50/s: accepted -> validee p50/p99. Resident memory of each API after each level.
#
# CPU per unit of work (benchmarks/cpu.sh reads it from /proc), at each level: the CPU time (user + system) and the
# voluntary context switches of Commandes, Produits, Clients, PostgreSQL (the postmaster and all its processes) and
# RabbitMQ (beam.smp and its children), from the start of the POST /orders/ run until no order waits for its stock,
# per order accepted in that time (counted in the database); and those of the same processes during the
# GET /products/{id} run, per request wrk reports. wrk's own CPU is not counted (nor pgbench's, curl's or psql's):
# only the system under test is. The switches of threads and processes that exited during a run are lost.
#
# Usage: benchmarks/production.sh [seconds per scenario=15]   (LEVELS="16 64 256" to change the levels)
# RABBITMQ_ERL_ARGS="+sbwt none ...": given to the RabbitMQ node as RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS (when unset, the
# node keeps the default of PayeTonKawa.AppHost/LocalServers/rabbitmq.sh). RABBITMQ_IDLE_SECONDS=20: before the scenarios, the CPU each
# server spends at rest (APIs idle) during that many seconds (0, the default, skips it).
# Needs: wrk, pgbench (postgresql), rabbitmq-server, bc; not another system on ports 18000-18002, 56432, 56672.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source-path=SCRIPTDIR source=cpu.sh
source benchmarks/cpu.sh
duration="${1:-15}"
levels="${LEVELS:-16 64 256}"
idle_seconds="${RABBITMQ_IDLE_SECONDS:-0}"
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
PGPASSWORD_INIT=$password bash PayeTonKawa.AppHost/LocalServers/postgres.sh "$work/postgres" "$pg_port" >"$work/postgres.log" 2>&1 &
pids+=($!)
# RABBITMQ_ERL_ARGS, when set, reaches the node as RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS; otherwise any inherited value is
# dropped, so that the node runs with the default of PayeTonKawa.AppHost/LocalServers/rabbitmq.sh.
mq_env=(-u RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS RABBITMQ_USER_INIT=bench "RABBITMQ_PASSWORD_INIT=$password")
if [ -n "${RABBITMQ_ERL_ARGS:-}" ]; then
    mq_env+=("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=$RABBITMQ_ERL_ARGS")
    mq_args="RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=\"$RABBITMQ_ERL_ARGS\" (de RABBITMQ_ERL_ARGS)"
else
    mq_args="défaut du nœud (PayeTonKawa.AppHost/LocalServers/rabbitmq.sh ; RABBITMQ_ERL_ARGS non défini)"
fi
env "${mq_env[@]}" bash PayeTonKawa.AppHost/LocalServers/rabbitmq.sh "$work/rabbitmq" "$mq_port" 56673 56674 >"$work/rabbitmq.log" 2>&1 &
mq_job=$!
pids+=($!)
pg_job=${pids[0]}
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

# The measured processes: each API; the postmaster (the first "postgres" under postgres.sh: setpriv exec's it), whose
# tree holds every backend and auxiliary process; beam.smp (rabbitmq.sh, rabbitmq-server, erl and erlexec exec one
# another, so it is the job itself, unless a later version of the scripts forks), whose tree holds erl_child_setup.
# epmd daemonizes itself (its parent is no longer the node) and is not counted.
postmaster=$(find_process "$pg_job" postgres)
beam=$(find_process "$mq_job" beam.smp)
if [ -z "$postmaster" ] || [ -z "$beam" ]; then
    echo "Processus introuvables pour la mesure du CPU (postmaster : '${postmaster}', beam.smp : '${beam}')." >&2
    exit 1
fi
groups=("Commandes=${api_pid[Commandes]}" "Produits=${api_pid[Produits]}" "Clients=${api_pid[Clients]}"
    "PostgreSQL=$postmaster" "RabbitMQ=$beam")
# The scheduler busy-wait flags the node really runs with (erlexec hands "+sbwt" to beam as "-sbwt"; the last of each
# name wins).
mq_flags=$(tr '\0' '\n' <"/proc/$beam/cmdline" | awk '/^[-+]sbwt/ { flag = $0; getline; printf "%s%s %s", sep, flag, $0; sep = " " }')
echo "==> RabbitMQ : $mq_args ; drapeaux du nœud : ${mq_flags:-aucun +sbwt*}"

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
# One wrk run -> "req/s p50 p99 errors requests" (latencies in ms; errors = non-2xx responses + socket errors;
# requests = the responses wrk counted, errors included).
measure() {
    local connections=$1 script=$2 url=$3 output
    output=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$script" "$url")
    echo "$output" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        / requests in / { requests = $1 }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /Non-2xx/ { errors += $NF }
        /Socket errors/ { for (i = 4; i <= NF; i += 2) { gsub(",", "", $i); errors += $i } }
        END { printf "%.0f %.1f %.1f %d %d", rps, p50, p99, errors, requests }'
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
order_count() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d commandesdb -At -c "SELECT count(*) FROM commandes"; }

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

# RABBITMQ_IDLE_SECONDS: the CPU (ms per second) and voluntary switches (per second) of each server at rest.
idle_line=""
if [ "$idle_seconds" -gt 0 ]; then
    echo "==> Repos : ${idle_seconds} s, API inactives"
    cpu_snapshot "$work/idle.before" "${groups[@]}"
    sleep "$idle_seconds"
    cpu_snapshot "$work/idle.after" "${groups[@]}"
    idle_line="Repos (${idle_seconds} s, API inactives), CPU en ms par seconde [commutations volontaires par seconde] : $(
        cpu_delta "$work/idle.before" "$work/idle.after" \
            | awk -v s="$idle_seconds" '{ printf "%s%s %.1f [%.0f]", sep, $1, $2 / s, $3 / s; sep = " ; "; cpu += $2; ctx += $3 }
                                        END { printf " ; total %.1f [%.0f]", cpu / s, ctx / s }')"
    echo "$idle_line"
fi

# unit_costs output -> "<CPU of each named group> | ... | <switches of the total>" for a table row.
cost_cells() {
    local file=$1
    shift
    awk -v names="$*" 'BEGIN { n = split(names, name, " ") } { cpu[$1] = $2; ctx[$1] = $3 }
        END { for (i = 1; i <= n; i++) printf "%s | ", cpu[name[i]]; printf "%s", ctx["total"] }' "$file"
}

cpu_results="$work/cpu.txt"
echo "| connexions | CPU/commande Commandes | Produits | Clients | PostgreSQL | RabbitMQ | total (ms) | commutations vol./commande | CPU/lecture Produits | PostgreSQL | total (ms) | commutations vol./lecture |" >"$cpu_results"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" >>"$cpu_results"
switch_results="$work/switches.txt"
echo "| connexions | unité | Commandes | Produits | Clients | PostgreSQL | RabbitMQ | total |" >"$switch_results"
echo "|---:|---|---:|---:|---:|---:|---:|---:|" >>"$switch_results"

results="$work/results.txt"
echo "| connexions | scénario | req/s | p50 ms | p99 ms | erreurs | ratio à pgbench | commandes/s de bout en bout | 201 -> validee p50 / p99 ms | RSS Clients / Produits / Commandes (Mo) |" >"$results"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|" | tee -a "$results"
for c in $levels; do
    echo "==> $c connexions"
    tps=$(pgbench_tps "$c")
    cpu_snapshot "$work/read.before" "${groups[@]}"
    read -r rps p50 p99 errors requests <<<"$(measure "$c" benchmarks/wrk/read.lua "http://127.0.0.1:18001/products/$read_product")"
    cpu_snapshot "$work/read.after" "${groups[@]}"
    cpu_delta "$work/read.before" "$work/read.after" >"$work/read.delta"
    unit_costs "$work/read.delta" "$requests" 3 2 >"$work/read.costs"
    echo "| $c | GET /products/{id} | $rps | $p50 | $p99 | $errors | $(echo "scale=3; $rps / $tps" | bc) | | | |" | tee -a "$results"
    read -r rps p50 p99 errors _ <<<"$(measure "$c" benchmarks/wrk/read.lua "http://127.0.0.1:18000/customers/?limit=20")"
    echo "| $c | GET /customers/?limit=20 | $rps | $p50 | $p99 | $errors | $(echo "scale=3; $rps / $tps" | bc) | | | |" | tee -a "$results"
    since=$(db_now)
    orders_before=$(order_count)
    # The order window: from the start of the wrk run until no order waits (the polling of pending() is in it).
    cpu_snapshot "$work/order.before" "${groups[@]}"
    start=$(date +%s.%N)
    read -r rps p50 p99 errors requests <<<"$(measure "$c" benchmarks/wrk/order-two-lines.lua http://127.0.0.1:18002/orders/)"
    while [ "$(pending)" != "0" ]; do sleep 0.5; done
    drained=$(date +%s.%N)
    cpu_snapshot "$work/order.after" "${groups[@]}"
    orders=$(( $(order_count) - orders_before ))
    echo "    $orders commandes acceptées (comptées en base) ; wrk : $requests réponses, $errors erreurs ; $(echo "scale=1; ($drained - $start) / 1" | bc) s jusqu'à ce qu'aucune commande n'attende"
    cpu_delta "$work/order.before" "$work/order.after" >"$work/order.delta"
    unit_costs "$work/order.delta" "$orders" 2 1 >"$work/order.costs"
    echo "| $c | $(cost_cells "$work/order.costs" Commandes Produits Clients PostgreSQL RabbitMQ total) | $(cost_cells "$work/read.costs" Produits PostgreSQL total) |" >>"$cpu_results"
    echo "| $c | commande | $(awk '{ printf "%s%s", sep, $3; sep = " | " }' "$work/order.costs") |" >>"$switch_results"
    echo "| $c | lecture | $(awk '{ printf "%s%s", sep, $3; sep = " | " }' "$work/read.costs") |" >>"$switch_results"
    echo "    CPU (ms) de la fenêtre des commandes : $(awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }' "$work/order.delta") ; des lectures : $(awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }' "$work/read.delta")"
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
echo "Charge de la machine (1, 5, 15 min) au départ : $load_at_start ; processeurs (nproc) : $(nproc) ; événements passés par base : $past_events"
echo "RabbitMQ : $mq_args ; drapeaux du nœud : ${mq_flags:-aucun +sbwt*}"
if [ -n "$idle_line" ]; then echo "$idle_line"; fi
cat "$results"
echo
echo "CPU par unité de travail (ms de CPU utilisateur + système ; commande : du début du POST jusqu'à la dernière validee, par commande acceptée ; lecture : GET /products/{id}, par requête ; le CPU de wrk n'est pas compté ; total : les cinq groupes de processus)"
cat "$cpu_results"
echo
echo "Commutations de contexte volontaires par unité de travail, par groupe de processus (threads terminés pendant la mesure perdus)"
cat "$switch_results"
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
