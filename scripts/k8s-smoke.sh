#!/usr/bin/env bash
# Smoke test of the Kubernetes deployment (deploy/kubernetes, overlay `local`) on a throwaway kind cluster:
# Envoy Gateway and the operators, the three images built by the .NET SDK, the overlay, a server-side dry run of the
# production overlay, then health, CORS and the Postman collection through the Gateway at http://localhost.
#
# Needs: Docker, kind, kubectl, helm, the .NET SDK of global.json, Node.js (npm), curl. Runs as is on a GitHub
# `ubuntu-latest` runner, 2 vCPU are enough (see .github/workflows/k8s-smoke.yml and the budget in
# docs/HEBERGEMENT.md). Cannot run without Docker.
#
# Usage: scripts/k8s-smoke.sh [--keep]
#   --keep   keep the cluster at the end (default: deleted, success or failure)
#
# Environment overrides (defaults below): KIND_CLUSTER_NAME, KIND_NODE_IMAGE (empty: kind's default node image),
# ENVOY_GATEWAY_VERSION, CERT_MANAGER_VERSION, CNPG_VERSION, BARMAN_CLOUD_VERSION, RABBITMQ_OPERATOR_VERSION,
# PROMETHEUS_OPERATOR_VERSION, NEWMAN_VERSION (empty: the newman of package-lock.json), SMOKE_TIMEOUT (seconds, each wait), SMOKE_METRICS_PORT (local
# port of the /metrics check).
set -euo pipefail

CLUSTER="${KIND_CLUSTER_NAME:-payetonkawa-smoke}"
NODE_IMAGE="${KIND_NODE_IMAGE:-}"
# The versions of deploy/schemas (the tests validate the manifests against these releases' CRDs).
ENVOY_GATEWAY_VERSION="${ENVOY_GATEWAY_VERSION:-1.9.0}"
CERT_MANAGER_VERSION="${CERT_MANAGER_VERSION:-1.21.1}"
CNPG_VERSION="${CNPG_VERSION:-1.30.0}"
BARMAN_CLOUD_VERSION="${BARMAN_CLOUD_VERSION:-0.14.0}"
RABBITMQ_OPERATOR_VERSION="${RABBITMQ_OPERATOR_VERSION:-2.22.3}"
PROMETHEUS_OPERATOR_VERSION="${PROMETHEUS_OPERATOR_VERSION:-0.93.0}"
NEWMAN_VERSION="${NEWMAN_VERSION:-}"
TIMEOUT="${SMOKE_TIMEOUT:-300}"
METRICS_PORT="${SMOKE_METRICS_PORT:-18001}"

NAMESPACE=payetonkawa
APIS=(clients produits commandes)
# The local overlay references these images; kind nodes cannot pull them, they are loaded below.
IMAGE_TAG=dev
BASE_URL=http://localhost
CORS_ORIGIN=http://localhost:4321

usage() {
    cat <<'USAGE'
Test de fumée du déploiement Kubernetes sur un cluster kind jetable.
Usage : scripts/k8s-smoke.sh [--keep]
  --keep   garder le cluster à la fin (par défaut il est supprimé, en cas de succès comme d'échec)
Variables : KIND_CLUSTER_NAME (payetonkawa-smoke), KIND_NODE_IMAGE, ENVOY_GATEWAY_VERSION, CERT_MANAGER_VERSION,
CNPG_VERSION, BARMAN_CLOUD_VERSION, RABBITMQ_OPERATOR_VERSION, PROMETHEUS_OPERATOR_VERSION, NEWMAN_VERSION, SMOKE_TIMEOUT (secondes par
attente, 300), SMOKE_METRICS_PORT (18001).
USAGE
}

KEEP=0
for arg in "$@"; do
    case "$arg" in
        --keep) KEEP=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "Option inconnue : $arg (options : --keep, --help)" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WORK="$(mktemp -d)"
CLUSTER_READY=0
PORT_FORWARD_PID=""

etape() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
echec() { printf '\nÉCHEC : %s\n' "$*" >&2; exit 1; }

kc() { kubectl --context "kind-${CLUSTER}" "$@"; }

# Prints what explains most failures: pods that are not ready, recent events, the logs of our pods.
diagnostic() {
    printf '\n==> Diagnostic\n' >&2
    kc get nodes -o wide >&2 || true
    kc get pods -A -o wide >&2 || true
    kc -n "$NAMESPACE" get clusters.postgresql.cnpg.io,rabbitmqclusters.rabbitmq.com,deployments,gateways,httproutes >&2 || true
    kc -n "$NAMESPACE" describe gateway/payetonkawa 2>/dev/null | sed -n '/^Status:/,$p' >&2 || true
    printf '\n--- Événements récents (%s)\n' "$NAMESPACE" >&2
    kc -n "$NAMESPACE" get events --sort-by=.lastTimestamp 2>/dev/null | tail -n 60 >&2 || true
    local pod
    for pod in $(kc -n "$NAMESPACE" get pods -o name 2>/dev/null); do
        printf '\n--- %s\n' "$pod" >&2
        kc -n "$NAMESPACE" describe "$pod" 2>/dev/null | sed -n '/^Conditions:/,$p' | tail -n 25 >&2 || true
        kc -n "$NAMESPACE" logs "$pod" --all-containers --tail=80 >&2 || true
        kc -n "$NAMESPACE" logs "$pod" --all-containers --previous --tail=40 >/dev/null 2>&1 \
            && { printf -- '--- %s (conteneur précédent)\n' "$pod" >&2; kc -n "$NAMESPACE" logs "$pod" --all-containers --previous --tail=40 >&2; }
    done
    printf '\n--- %s\n' "Envoy Gateway" >&2
    kc -n envoy-gateway-system get pods,services -o wide >&2 || true
    kc -n envoy-gateway-system logs deployment/envoy-gateway --tail=40 >&2 || true
}

fin() {
    local status=$?
    set +e
    [ -n "$PORT_FORWARD_PID" ] && kill "$PORT_FORWARD_PID" 2>/dev/null
    if [ "$status" -ne 0 ] && [ "$CLUSTER_READY" -eq 1 ]; then
        diagnostic
    fi
    rm -rf "$WORK"
    if [ "$KEEP" -eq 1 ] && [ "$CLUSTER_READY" -eq 1 ]; then
        echo
        echo "Cluster conservé : kind-${CLUSTER} (kubectl --context kind-${CLUSTER} -n ${NAMESPACE} get pods)."
        echo "Pour le supprimer : kind delete cluster --name ${CLUSTER}"
    elif kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
        etape "Suppression du cluster ${CLUSTER}"
        kind delete cluster --name "$CLUSTER" >/dev/null 2>&1
    fi
    if [ "$status" -eq 0 ]; then
        printf '\nTest de fumée Kubernetes réussi.\n'
    else
        printf '\nTest de fumée Kubernetes en échec (code %s).\n' "$status" >&2
    fi
    exit "$status"
}
trap fin EXIT

# Webhooks (cert-manager, CloudNativePG, RabbitMQ) answer a little after their Deployment is
# available, and CRDs need a moment to be served: an apply right after an install may be refused once or twice.
appliquer() {
    local attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10 11 12; do
        if kc apply "$@" >"$WORK/apply.log" 2>&1; then
            # Our own objects are listed; an add-on's manifest is only counted.
            if [ "$1" = -k ]; then sed 's/^/    /' "$WORK/apply.log"; else info "$(wc -l <"$WORK/apply.log") objets appliqués"; fi
            return 0
        fi
        info "apply refusé (essai ${attempt}/12), nouvel essai dans 10 s : $(tail -n 1 "$WORK/apply.log")"
        sleep 10
    done
    cat "$WORK/apply.log" >&2
    echec "kubectl apply $* refusé"
}

attendre_deploiement() {
    local namespace="$1" deployment="$2"
    kc -n "$namespace" rollout status "deployment/${deployment}" --timeout="${TIMEOUT}s" \
        || echec "le Deployment ${namespace}/${deployment} n'est pas prêt après ${TIMEOUT} s"
}

# A random value for an API key; od reads a fixed number of bytes, so nothing in the pipe is cut short.
cle_aleatoire() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

# Waits until the API's /health answers 200 with its database and broker connected; prints the last answer otherwise.
attendre_sante() {
    local url="$1" deadline=$((SECONDS + TIMEOUT)) code
    while :; do
        code="$(curl -sS -o "$WORK/body" -w '%{http_code}' --max-time 10 "$url" 2>/dev/null || true)"
        if [ "$code" = 200 ] && grep -q '"database":"connected"' "$WORK/body" && ! grep -q 'disconnected' "$WORK/body"; then
            return 0
        fi
        [ "$SECONDS" -lt "$deadline" ] || echec "${url} répond ${code:-rien} après ${TIMEOUT} s : $(cat "$WORK/body" 2>/dev/null)"
        sleep 3
    done
}

# --- Prerequisites --------------------------------------------------------------------------------------------------
etape "Vérification des outils"
missing=()
for tool in docker kind kubectl helm dotnet node npx curl od; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] || echec "outils absents : ${missing[*]} (Docker, kind, kubectl, helm, SDK .NET, Node.js et curl sont nécessaires)"
docker info >/dev/null 2>&1 || echec "Docker ne répond pas (démon arrêté ou droits insuffisants)"
[ -f deploy/kind/cluster.yaml ] || echec "deploy/kind/cluster.yaml est absent"
[ -f deploy/kubernetes/overlays/local/kustomization.yaml ] || echec "deploy/kubernetes/overlays/local/kustomization.yaml est absent"
info "$(kind version) ; kubectl $(kubectl version --client 2>/dev/null | head -n 1 | awk '{print $NF}') ; helm $(helm version --short) ; SDK .NET $(dotnet --version)"

# --- Cluster --------------------------------------------------------------------------------------------------------
etape "Cluster kind ${CLUSTER}"
if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
    info "déjà présent : réutilisé"
    kind export kubeconfig --name "$CLUSTER" >/dev/null
else
    create=(kind create cluster --name "$CLUSTER" --config deploy/kind/cluster.yaml --wait "${TIMEOUT}s")
    [ -n "$NODE_IMAGE" ] && create+=(--image "$NODE_IMAGE")
    "${create[@]}"
fi
CLUSTER_READY=1
# preStop `sleep` (the images have no shell for an exec hook) needs Kubernetes 1.30 or later.
minor="$(kc get --raw /version | node -e 'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => console.log(parseInt(JSON.parse(s).minor, 10)))')"
[ "${minor:-0}" -ge 30 ] || echec "Kubernetes 1.${minor} : la version 1.30 au moins est nécessaire (lifecycle.preStop.sleep)"
info "Kubernetes 1.${minor}"

# --- Cluster add-ons (pinned releases, plain manifests) -------------------------------------------------------------
# Envoy Gateway's Helm chart (OCI, pinned) brings the Gateway API CRDs of its release (standard channel) with its own.
etape "Envoy Gateway ${ENVOY_GATEWAY_VERSION} (chart OCI, CRD de la Gateway API comprises) et GatewayClass envoy-gateway"
helm upgrade --install eg oci://docker.io/envoyproxy/gateway-helm --version "v${ENVOY_GATEWAY_VERSION}" \
    --kube-context "kind-${CLUSTER}" --namespace envoy-gateway-system --create-namespace --wait --timeout "${TIMEOUT}s" >/dev/null \
    || echec "installation d'Envoy Gateway ${ENVOY_GATEWAY_VERSION} impossible"
attendre_deploiement envoy-gateway-system envoy-gateway
# Cluster-wide, so outside deploy/kubernetes (docs/HEBERGEMENT.md gives the same object for production).
cat >"$WORK/gatewayclass.yaml" <<'GATEWAYCLASS'
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: envoy-gateway
spec:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
GATEWAYCLASS
appliquer -f "$WORK/gatewayclass.yaml"
kc wait --for=condition=Accepted --timeout="${TIMEOUT}s" gatewayclass/envoy-gateway

# The RabbitMQ Cluster Operator (2.22 and later) gets its webhook certificate from cert-manager; production uses
# cert-manager anyway (Let's Encrypt, Barman Cloud plugin).
etape "cert-manager ${CERT_MANAGER_VERSION}"
appliquer -f "https://github.com/cert-manager/cert-manager/releases/download/v${CERT_MANAGER_VERSION}/cert-manager.yaml"
for deployment in cert-manager cert-manager-cainjector cert-manager-webhook; do
    attendre_deploiement cert-manager "$deployment"
done

etape "Opérateur CloudNativePG ${CNPG_VERSION}"
# Server-side: the CRDs are too large for the last-applied annotation of a client-side apply.
appliquer --server-side --force-conflicts \
    -f "https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-${CNPG_VERSION%.*}/releases/cnpg-${CNPG_VERSION}.yaml"
attendre_deploiement cnpg-system cnpg-controller-manager

etape "Opérateur RabbitMQ Cluster ${RABBITMQ_OPERATOR_VERSION}"
appliquer -f "https://github.com/rabbitmq/cluster-operator/releases/download/v${RABBITMQ_OPERATOR_VERSION}/cluster-operator.yml"
attendre_deploiement rabbitmq-system rabbitmq-cluster-operator

# Only CRDs (no backup nor scrape here, and the local overlay has neither): with them, every object of the production
# overlay is tried on this cluster by the server-side dry run below.
etape "CRD ObjectStore du plugin Barman Cloud ${BARMAN_CLOUD_VERSION}"
appliquer --server-side --force-conflicts \
    -f "https://raw.githubusercontent.com/cloudnative-pg/plugin-barman-cloud/v${BARMAN_CLOUD_VERSION}/config/crd/bases/barmancloud.cnpg.io_objectstores.yaml"
kc wait --for=condition=Established --timeout="${TIMEOUT}s" crd/objectstores.barmancloud.cnpg.io

etape "CRD de Prometheus Operator ${PROMETHEUS_OPERATOR_VERSION} (ServiceMonitor, PodMonitor, PrometheusRule)"
crds=()
for crd in servicemonitors podmonitors prometheusrules; do
    crds+=(-f "https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/v${PROMETHEUS_OPERATOR_VERSION}/example/prometheus-operator-crd/monitoring.coreos.com_${crd}.yaml")
done
appliquer --server-side --force-conflicts "${crds[@]}"
kc wait --for=condition=Established --timeout="${TIMEOUT}s" \
    crd/servicemonitors.monitoring.coreos.com crd/podmonitors.monitoring.coreos.com crd/prometheusrules.monitoring.coreos.com

# --- Images ---------------------------------------------------------------------------------------------------------
etape "Images des trois API (SDK .NET, tag ${IMAGE_TAG})"
./scripts/build-images.sh --tag "$IMAGE_TAG"
for api in "${APIS[@]}"; do
    info "payetonkawa-${api}:${IMAGE_TAG} -> kind"
    kind load docker-image "payetonkawa-${api}:${IMAGE_TAG}" --name "$CLUSTER"
done

# --- Namespace, API keys, overlay -----------------------------------------------------------------------------------
etape "Namespace ${NAMESPACE} et secret payetonkawa-api-keys"
kc create namespace "$NAMESPACE" --dry-run=client -o yaml | kc apply -f - >/dev/null
if kc -n "$NAMESPACE" get secret payetonkawa-api-keys >/dev/null 2>&1; then
    # Reused on a kept cluster: the running pods hold these values.
    info "déjà présent : ses clés sont réutilisées"
    legacy_key="$(kc -n "$NAMESPACE" get secret payetonkawa-api-keys -o jsonpath='{.data.legacy}' | base64 -d)"
    metrics_key="$(kc -n "$NAMESPACE" get secret payetonkawa-api-keys -o jsonpath='{.data.prometheus}' | base64 -d)"
else
    legacy_key="$(cle_aleatoire)"
    metrics_key="$(cle_aleatoire)"
    # From files rather than --from-literal: the values stay out of the process list.
    (umask 077; printf '%s' "$legacy_key" >"$WORK/legacy"; printf '%s' "$metrics_key" >"$WORK/prometheus")
    kc -n "$NAMESPACE" create secret generic payetonkawa-api-keys \
        --from-file=legacy="$WORK/legacy" --from-file=prometheus="$WORK/prometheus" >/dev/null
    rm -f "$WORK/legacy" "$WORK/prometheus"
    info "créé avec deux clés aléatoires (legacy, prometheus)"
fi
if [ -z "$legacy_key" ] || [ -z "$metrics_key" ]; then
    echec "le secret payetonkawa-api-keys n'a pas de valeur legacy et prometheus"
fi
if [ -n "${GITHUB_ACTIONS:-}" ]; then
    echo "::add-mask::${legacy_key}"
    echo "::add-mask::${metrics_key}"
fi

etape "Application de deploy/kubernetes/overlays/local"
appliquer -k deploy/kubernetes/overlays/local

# Every object of the production overlay goes through the API server (schemas, CEL rules, the operators' admission
# webhooks) without being stored: its CRDs are all installed above.
etape "Essai à blanc côté serveur de deploy/kubernetes/overlays/production"
kc apply --dry-run=server -k deploy/kubernetes/overlays/production >"$WORK/dry-run.log" 2>&1 \
    || { cat "$WORK/dry-run.log" >&2; echec "l'overlay production est refusé par le serveur"; }
info "$(grep -c 'server dry run' "$WORK/dry-run.log") objets acceptés (server dry run)"

# --- Readiness ------------------------------------------------------------------------------------------------------
etape "Bases PostgreSQL (CloudNativePG)"
for api in "${APIS[@]}"; do
    kc -n "$NAMESPACE" wait --for=condition=Ready --timeout="${TIMEOUT}s" "clusters.postgresql.cnpg.io/${api}-db" \
        || echec "la base ${api}-db n'est pas prête après ${TIMEOUT} s"
done

etape "RabbitMQ"
kc -n "$NAMESPACE" wait --for=condition=AllReplicasReady --timeout="${TIMEOUT}s" rabbitmqclusters.rabbitmq.com/rabbitmq \
    || echec "le RabbitmqCluster rabbitmq n'est pas prêt après ${TIMEOUT} s"

etape "Passerelle (Gateway payetonkawa)"
kc -n "$NAMESPACE" wait --for=condition=Programmed --timeout="${TIMEOUT}s" gateway/payetonkawa \
    || echec "la Gateway payetonkawa n'est pas programmée après ${TIMEOUT} s"

etape "API"
# The APIs start with their databases and fail until these answer (migrations run before listening), so by now they
# may sit in CrashLoopBackOff for minutes. A restart starts them afresh; on a kept cluster it also makes them run
# the image just loaded under the same `dev` tag.
for api in "${APIS[@]}"; do
    kc -n "$NAMESPACE" rollout restart "deployment/${api}" >/dev/null
done
for api in "${APIS[@]}"; do
    attendre_deploiement "$NAMESPACE" "$api"
done
kc -n "$NAMESPACE" get pods -o wide

# --- Checks through the Gateway -------------------------------------------------------------------------------------
etape "Santé à travers la passerelle (${BASE_URL})"
for api in "${APIS[@]}"; do
    attendre_sante "${BASE_URL}/${api}/health"
    info "/${api}/health : 200 $(cat "$WORK/body")"
done
for path in /customers/ /products/ /orders/; do
    code="$(curl -sS -o /dev/null -w '%{http_code}' -H "X-API-Key: ${legacy_key}" "${BASE_URL}${path}")"
    [ "$code" = 200 ] || echec "route historique ${path} : ${code} au lieu de 200"
    info "route historique ${path} : 200"
done

etape "CORS : prévol depuis ${CORS_ORIGIN}"
preflight() {
    curl -sS -o /dev/null -D "$WORK/headers" -w '%{http_code}' -X OPTIONS "${BASE_URL}/products/" \
        -H "Origin: $1" -H "Access-Control-Request-Method: GET" -H "Access-Control-Request-Headers: x-api-key"
}
code="$(preflight "$CORS_ORIGIN")"
allowed="$(tr -d '\r' <"$WORK/headers" | awk -F': ' 'tolower($1) == "access-control-allow-origin" {print $2}')"
if [ "$code" != 204 ] || [ "$allowed" != "$CORS_ORIGIN" ]; then
    echec "prévol refusé : statut ${code}, Access-Control-Allow-Origin « ${allowed} »"
fi
info "accordé : 204, Access-Control-Allow-Origin: ${allowed}"
preflight "https://pirate.example" >/dev/null
if tr -d '\r' <"$WORK/headers" | grep -qi '^access-control-allow-origin:'; then
    echec "une origine inconnue a reçu Access-Control-Allow-Origin"
fi
info "origine inconnue : aucune autorisation"

# /metrics is deliberately not routed by the Gateway (Prometheus scrapes the pods): it must not answer from outside,
# and it is checked on a pod instead, with the generated Prometheus key.
etape "/metrics : fermé à l'extérieur, servi aux pods avec la clé Prometheus"
for path in /produits/metrics /metrics; do
    code="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${metrics_key}" "${BASE_URL}${path}")"
    [ "$code" = 404 ] || echec "${path} répond ${code} à travers la passerelle au lieu de 404"
    info "${BASE_URL}${path} : 404"
done
# kubectl itself, not the kc function: $! must be the process that the trap stops.
kubectl --context "kind-${CLUSTER}" -n "$NAMESPACE" port-forward service/produits "${METRICS_PORT}:80" >"$WORK/port-forward.log" 2>&1 &
PORT_FORWARD_PID=$!
for _ in $(seq 1 20); do
    curl -s -o /dev/null "http://127.0.0.1:${METRICS_PORT}/alive" && break
    sleep 1
done
code="$(curl -sS -o "$WORK/metrics" -w '%{http_code}' -H "Authorization: Bearer ${metrics_key}" "http://127.0.0.1:${METRICS_PORT}/metrics" || cat "$WORK/port-forward.log" >&2)"
if [ "$code" != 200 ] || ! grep -q '^http_server_request_duration_seconds_count' "$WORK/metrics"; then
    echec "/metrics du service produits : ${code}, ou sans http_server_request_duration_seconds_count"
fi
code="$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:${METRICS_PORT}/metrics")"
[ "$code" = 401 ] || echec "/metrics sans clé répond ${code} au lieu de 401"
info "service/produits /metrics : 200 avec la clé prometheus, 401 sans clé"
kill "$PORT_FORWARD_PID" 2>/dev/null || true
wait "$PORT_FORWARD_PID" 2>/dev/null || true
PORT_FORWARD_PID=""

# --- Postman collection ---------------------------------------------------------------------------------------------
etape "Collection Postman (newman ${NEWMAN_VERSION:-du package-lock.json}) à travers la passerelle"
# The Gateway never routes /metrics, so the collection keeps its /metrics requests in a top-level folder whose name
# contains "(hors ingress)": every other top-level folder is selected, in collection order (newman runs the selected
# folders in that order). Computed from the collection, so a folder added later is run without editing this script; a
# /metrics request found elsewhere is an error. /metrics itself is checked above, on a pod.
selection_text="$(node -e '
    const collection = require(process.argv[1]);
    const horsIngress = (folder) => folder.name.includes("(hors ingress)");
    const metrics = (item) => item.item ? item.item.flatMap(metrics)
        : [].concat(item.request.url.path || []).slice(-1)[0] === "metrics" ? [item.name] : [];
    const misplaced = collection.item.filter((folder) => !horsIngress(folder)).flatMap(metrics);
    if (misplaced.length > 0) {
        console.error("requêtes /metrics hors du dossier « (hors ingress) » : " + misplaced.join(", "));
        process.exit(1);
    }
    collection.item.filter((folder) => !horsIngress(folder)).forEach((folder) => console.log(folder.name));
    ' "${ROOT}/postman/PayeTonKawa.postman_collection.json")" \
    || echec "sélection des dossiers de postman/PayeTonKawa.postman_collection.json impossible"
mapfile -t selection <<<"$selection_text"
[ -n "$selection_text" ] || echec "aucun dossier à exécuter lu dans postman/PayeTonKawa.postman_collection.json"
folders=()
for item in "${selection[@]}"; do folders+=(--folder "$item"); done
info "exclus : les dossiers « (hors ingress) » (/metrics) ; exécutés : $(printf '%s | ' "${selection[@]}" | sed 's/ | $//')"
# The newman pinned by package-lock.json (npm ci), unless NEWMAN_VERSION asks for another one.
if [ -n "${NEWMAN_VERSION:-}" ]; then
    newman=(npx --yes "newman@${NEWMAN_VERSION}")
else
    [ -x node_modules/.bin/newman ] || npm ci --no-audit --no-fund --omit=peer --silent
    newman=(node_modules/.bin/newman)
fi
# --working-dir is the repository root: the image uploads name their files `postman/cafe.png`, `postman/pas-une-image.txt`.
"${newman[@]}" run postman/PayeTonKawa.postman_collection.json \
    -e postman/PayeTonKawa_kind.postman_environment.json \
    --env-var "api_key=${legacy_key}" --env-var "metrics_key=${metrics_key}" \
    --working-dir "$ROOT" "${folders[@]}" --color off \
    || echec "la collection Postman a des tests en échec"
