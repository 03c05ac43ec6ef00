#!/usr/bin/env python3
"""Extracts the JSON schemas of the kinds deploy/kubernetes uses from their upstream sources, into deploy/schemas.

The schemas are upstream data, trimmed to what the manifests use; nothing is edited by hand. Strictness
(additionalProperties: false) is added when the tests load them (PayeTonKawa.Tests.Deployment/SchemaCatalog.cs),
so that the stored files stay comparable with their source.

Usage: scripts/schemas/extract.py GIT_DIR_PATTERN
  GIT_DIR_PATTERN  where the upstream repositories are cloned, {owner} and {name} replaced, for example
                   '$HOME/src/{owner}/{name}/.git'. Each file is read at the pinned commit below (git show), so the
                   clones may be at any revision as long as they hold that commit.
Needs python3 with PyYAML. Rewrites deploy/schemas/index.json and the schema files; SOURCES.md is written by hand.
"""
import json
import os
import subprocess
import sys

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "deploy", "schemas")

# Kubernetes 1.35: the OpenAPI v3 documents of kubernetes/kubernetes (api/openapi-spec/v3) as kubectl-validate ships them.
KUBERNETES = {
    "owner": "kubernetes-sigs", "name": "kubectl-validate", "commit": "a97ccfaca20b164819afdae780392496f6ed6bbd",
    "directory": "kubernetes-1.35", "prefix": "pkg/openapiclient/builtins/1.35/",
    "kinds": [
        ("api/v1.json", "v1", "Namespace", "io.k8s.api.core.v1.Namespace"),
        ("api/v1.json", "v1", "ConfigMap", "io.k8s.api.core.v1.ConfigMap"),
        ("api/v1.json", "v1", "Service", "io.k8s.api.core.v1.Service"),
        ("apis/apps/v1.json", "apps/v1", "Deployment", "io.k8s.api.apps.v1.Deployment"),
        ("apis/apps/v1.json", "apps/v1", "StatefulSet", "io.k8s.api.apps.v1.StatefulSet"),
        ("apis/autoscaling/v2.json", "autoscaling/v2", "HorizontalPodAutoscaler", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler"),
        ("apis/policy/v1.json", "policy/v1", "PodDisruptionBudget", "io.k8s.api.policy.v1.PodDisruptionBudget"),
        ("apis/networking.k8s.io/v1.json", "networking.k8s.io/v1", "NetworkPolicy", "io.k8s.api.networking.v1.NetworkPolicy"),
        # Not a kind: the metadata of every object, custom resources included (their CRDs only say "type: object").
        ("api/v1.json", "meta/v1", "ObjectMeta", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
    ],
}

# Custom resource definitions, at the releases the deployment pins (docs/HEBERGEMENT.md).
CRDS = [
    ("cloudnative-pg", "cloudnative-pg", "v1.30.0", "4b5e244a7d031f67e025c83c1555e7726ecbbfa1", "cloudnative-pg-1.30.0", [
        "config/crd/bases/postgresql.cnpg.io_clusters.yaml",
        "config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml"]),
    ("cloudnative-pg", "plugin-barman-cloud", "v0.14.0", "1e13020fe5f09fd8fc29ea03828f7b61375b3721", "plugin-barman-cloud-0.14.0", [
        "config/crd/bases/barmancloud.cnpg.io_objectstores.yaml"]),
    ("rabbitmq", "cluster-operator", "v2.22.3", "03e0b49c077a9c8d926fb4c8cbe2dd0bbdffd539", "rabbitmq-cluster-operator-2.22.3", [
        "config/crd/bases/rabbitmq.com_rabbitmqclusters.yaml"]),
    ("prometheus-operator", "prometheus-operator", "v0.93.0", "f8fafd475f3d132e239432ae6172de60a6cb6516", "prometheus-operator-0.93.0", [
        "example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml",
        "example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml",
        "example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml"]),
    ("cert-manager", "cert-manager", "v1.21.1", "24e33194fb39488eff2bbf10c6dc640f407cad44", "cert-manager-1.21.1", [
        "deploy/crds/cert-manager.io_certificates.yaml"]),
    ("kubernetes-sigs", "gateway-api", "v1.6.1", "8bb74df00e56ec8f944d48c25e6c1c9c2f6848e3", "gateway-api-1.6.1", [
        "config/crd/standard/gateway.networking.k8s.io_gateways.yaml",
        "config/crd/standard/gateway.networking.k8s.io_httproutes.yaml"]),
    ("envoyproxy", "gateway", "v1.9.0", "39763b1c07ec30a5526fe70434a2cfe4181de642", "envoy-gateway-1.9.0", [
        "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_envoyproxies.yaml",
        "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_clienttrafficpolicies.yaml",
        "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_backendtrafficpolicies.yaml",
        "charts/gateway-helm/charts/crds/crds/generated/gateway.envoyproxy.io_httproutefilters.yaml"]),
]


def show(pattern, owner, name, commit, path):
    git_dir = os.path.expanduser(pattern.format(owner=owner, name=name))
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def closure(schemas, root):
    """The schema named root and every schema it references, with #/components/schemas/ refs turned into #/$defs/."""
    found, pending = {}, [root]
    while pending:
        name = pending.pop()
        if name in found:
            continue
        found[name] = schemas[name]
        pending.extend(refs(schemas[name]))
    text = json.dumps(found).replace('"#/components/schemas/', '"#/$defs/')
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": f"#/$defs/{root}", "$defs": json.loads(text)}


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
                yield value[len("#/components/schemas/"):]
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def write(relative, schema):
    path = os.path.join(OUT, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        json.dump(schema, file, indent=1, sort_keys=True, ensure_ascii=False)
        file.write("\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    pattern = sys.argv[1]
    index = {}
    k8s = KUBERNETES
    documents = {}
    for document, api_version, kind, root in k8s["kinds"]:
        if document not in documents:
            text = show(pattern, k8s["owner"], k8s["name"], k8s["commit"], k8s["prefix"] + document)
            documents[document] = json.loads(text)["components"]["schemas"]
        relative = f"{k8s['directory']}/{kind.lower()}-{api_version.replace('/', '-').replace('.', '-')}.json"
        write(relative, closure(documents[document], root))
        index[f"{api_version}/{kind}"] = relative

    for owner, name, tag, commit, directory, paths in CRDS:
        for path in paths:
            crd = yaml.safe_load(show(pattern, owner, name, commit, path))
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            # The version the manifests use: the one the API server stores (the others are served for older clients).
            for version in crd["spec"]["versions"]:
                if not version.get("storage", False):
                    continue
                schema = dict(version["schema"]["openAPIV3Schema"])
                schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
                relative = f"{directory}/{kind.lower()}-{group.replace('.', '-')}-{version['name']}.json"
                write(relative, schema)
                index[f"{group}/{version['name']}/{kind}"] = relative

    write("index.json", dict(sorted(index.items())))


if __name__ == "__main__":
    main()
