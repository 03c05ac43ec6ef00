#!/usr/bin/env bash
# Deploys one release of PayeTonKawa to a Kubernetes namespace, checks it, and puts the previous release back if any
# step fails. Run by .github/workflows/deploy.yml (staging for main, production for a v* tag, after approval), and by
# hand with the same arguments from any machine whose kubectl reaches the cluster.
#
# Usage:
#   scripts/deploy.sh deploy OVERLAY --tag TAG [--registry REGISTRY/OWNER] [--host HOST] [--no-rollback]
#   scripts/deploy.sh rollback OVERLAY
#     OVERLAY   staging or production (deploy/kubernetes/overlays/<OVERLAY>)
#     --tag     image tag of the three APIs, the immutable one: <version>-<7-char commit> (e.g. 1.2.0-ab12cd3)
#     --registry  where the images are (default: the overlay's own names)
#     --host    public host the Postman collection is run against (https://HOST/clients...); without it, no collection
#     --no-rollback  leave a failed release in place (the workflow rolls back in a step of its own)
# Environment: KUBECONFIG (the cluster), POSTMAN_API_KEY (a key with every scope on that deployment: its "legacy" key),
#   DEPLOY_TIMEOUT (seconds per roll-out, default 600), DEPLOY_REVISION (commit recorded with the release, default HEAD).
#
# The last release that passed every check is recorded in the namespace (ConfigMap payetonkawa-release: the exact
# manifests applied, gzipped, with their tag and commit). A rollback applies those manifests again: images,
# configuration and policies all return to what was verified, whichever of them the failed release changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
say() { printf '==> %s\n' "$*"; }
fail() { printf 'ERREUR : %s\n' "$*" >&2; exit 1; }

RELEASE_CONFIGMAP=payetonkawa-release
APIS=(clients produits commandes)

[ $# -ge 2 ] || usage 2
command=$1 overlay=$2
shift 2
tag="" registry="" host="" rollback_on_failure=1
while [ $# -gt 0 ]; do
    case "$1" in
        --tag) tag="${2:?--tag attend une étiquette}"; shift 2 ;;
        --registry) registry="${2:?--registry attend REGISTRE/PROPRIÉTAIRE}"; shift 2 ;;
        --host) host="${2:?--host attend un hôte}"; shift 2 ;;
        --no-rollback) rollback_on_failure=0; shift ;;
        -h|--help) usage ;;
        *) echo "Option inconnue : $1" >&2; usage 2 ;;
    esac
done

overlay_dir="deploy/kubernetes/overlays/${overlay}"
[ -f "${overlay_dir}/kustomization.yaml" ] || fail "variante inconnue : ${overlay_dir}"
namespace=$(sed -n 's/^namespace: *//p' "${overlay_dir}/kustomization.yaml")
[ -n "$namespace" ] || fail "${overlay_dir}/kustomization.yaml ne fixe pas de namespace"
timeout="${DEPLOY_TIMEOUT:-600}"
command -v kubectl >/dev/null || fail "kubectl est introuvable"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every workload of a manifest file waits for its roll-out; the first one that does not finish in time fails the step.
wait_for_rollouts() {
    local manifests=$1 names workload workloads=()
    names=$(kubectl apply --dry-run=client -o name -f "$manifests") || return 1
    mapfile -t workloads < <(grep -E '^(deployment|statefulset)\.apps/' <<<"$names")
    for workload in "${workloads[@]}"; do
        say "Attente de ${workload} (${timeout} s au plus)"
        kubectl -n "$namespace" rollout status "$workload" --timeout="${timeout}s" || return 1
    done
}

# The Postman collection against the public host, minus the folders the edge never routes ("(hors ingress)": /metrics).
run_collection() {
    [ -n "$host" ] || { say "Pas d'hôte (--host) : collection Postman non jouée"; return 0; }
    [ -n "${POSTMAN_API_KEY:-}" ] || { echo "POSTMAN_API_KEY est vide" >&2; return 1; }
    [ -x node_modules/.bin/newman ] || npm ci --no-audit --no-fund --silent || return 1
    local folders=() folder
    while IFS= read -r folder; do folders+=(--folder "$folder"); done < <(node -e '
        const collection = require("./postman/PayeTonKawa.postman_collection.json");
        collection.item.filter((item) => !item.name.includes("(hors ingress)")).forEach((item) => console.log(item.name));')
    say "Collection Postman contre https://${host}"
    node_modules/.bin/newman run postman/PayeTonKawa.postman_collection.json \
        -e postman/PayeTonKawa_deploye.postman_environment.json \
        --env-var "base_url_clients=https://${host}/clients" \
        --env-var "base_url_produits=https://${host}/produits" \
        --env-var "base_url_commandes=https://${host}/commandes" \
        --env-var "api_key=${POSTMAN_API_KEY}" \
        --working-dir . "${folders[@]}" --color off
}

# The overlay as kubectl renders it, with the images of this release.
render() {
    say "Rendu de ${overlay_dir} (images ${registry:-de la variante}, étiquette ${tag})"
    kubectl kustomize "$overlay_dir" >"$work/rendered.yaml" || fail "kubectl kustomize ${overlay_dir} a échoué"
    local api pattern
    cp "$work/rendered.yaml" "$work/manifests.yaml"
    for api in "${APIS[@]}"; do
        pattern="^( *image: *)([^ ]*/)?payetonkawa-${api}(:[^ ]*)?$"
        grep -Eq "$pattern" "$work/manifests.yaml" || fail "aucune image payetonkawa-${api} dans le rendu"
        sed -E -i "s#${pattern}#\\1${registry:-\\2}${registry:+/}payetonkawa-${api}:${tag}#" "$work/manifests.yaml"
    done
    for api in "${APIS[@]}"; do
        grep -Eq "^ *image: *[^ ]+/payetonkawa-${api}:${tag}$" "$work/manifests.yaml" ||
            fail "l'image de ${api} n'a pas de registre ou pas l'étiquette ${tag} (--registry est obligatoire pour ${overlay})"
    done
}

record_release() {
    say "Enregistrement de la version vérifiée (ConfigMap ${RELEASE_CONFIGMAP})"
    gzip -9 -c "$work/manifests.yaml" >"$work/manifests.yaml.gz"
    kubectl -n "$namespace" create configmap "$RELEASE_CONFIGMAP" \
        --from-literal=tag="$tag" \
        --from-literal=revision="${DEPLOY_REVISION:-$(git rev-parse HEAD 2>/dev/null || echo inconnue)}" \
        --from-literal=deployed_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        --from-file=manifests.yaml.gz="$work/manifests.yaml.gz" \
        --dry-run=client -o yaml |
        kubectl label --local -f - app.kubernetes.io/part-of=payetonkawa -o yaml |
        kubectl apply --server-side --force-conflicts --field-manager=payetonkawa-deploy -f -
}

rollback() {
    say "Retour à la dernière version vérifiée de ${namespace}"
    if ! kubectl -n "$namespace" get configmap "$RELEASE_CONFIGMAP" >/dev/null 2>&1; then
        echo "Aucune version vérifiée n'est enregistrée dans ${namespace} (premier déploiement ?) : rien à remettre." >&2
        return 1
    fi
    kubectl -n "$namespace" get configmap "$RELEASE_CONFIGMAP" -o jsonpath='{.binaryData.manifests\.yaml\.gz}' |
        base64 -d | gunzip >"$work/previous.yaml" || return 1
    [ -s "$work/previous.yaml" ] || { echo "La version enregistrée est vide." >&2; return 1; }
    say "Version remise : $(kubectl -n "$namespace" get configmap "$RELEASE_CONFIGMAP" -o jsonpath='{.data.tag} (commit {.data.revision}, déployée le {.data.deployed_at})')"
    kubectl apply -f "$work/previous.yaml" || return 1
    wait_for_rollouts "$work/previous.yaml"
}

deploy() {
    [ -n "$tag" ] || fail "--tag est obligatoire"
    render
    say "Application dans ${namespace}"
    kubectl apply -f "$work/manifests.yaml" &&
        wait_for_rollouts "$work/manifests.yaml" &&
        run_collection
}

case "$command" in
    deploy)
        if deploy; then
            # A release that cannot be recorded could never be put back later: it counts as failed.
            record_release || fail "version ${tag} vérifiée mais non enregistrée dans ${namespace} (droits sur les ConfigMaps ?)"
            say "Version ${tag} déployée et vérifiée dans ${namespace}."
            exit 0
        fi
        echo "Le déploiement de ${tag} dans ${namespace} a échoué." >&2
        if [ "$rollback_on_failure" -eq 1 ]; then
            rollback || echo "Le retour arrière a échoué aussi : intervention nécessaire (docs/HEBERGEMENT.md)." >&2
        fi
        exit 1
        ;;
    rollback)
        rollback
        ;;
    *)
        usage 2
        ;;
esac
