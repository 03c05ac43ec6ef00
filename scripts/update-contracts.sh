#!/usr/bin/env bash
# Regenerates the contract files committed in docs/ (the OpenAPI documents docs/openapi/*.json, the API reference
# docs/API.md and every other file checked by the tests of PayeTonKawa.Tests.Contracts) from the code, then runs those
# tests again, without updating, to confirm that the committed files are now current.
# Usage: ./scripts/update-contracts.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/prerequisites.sh

filter="FullyQualifiedName~PayeTonKawa.Tests.Contracts"

# A test that rewrites its file fails on purpose. Some files are generated from others (docs/API.md from the OpenAPI
# documents), and the tests run in parallel: a second pass sees the files the first one wrote. A pass that succeeds
# had nothing left to update.
build=()
for pass in 1 2 3; do
    echo "==> Mise à jour des contrats (passe ${pass})"
    if PAYETONKAWA_UPDATE_CONTRACTS=1 dotnet test PayeTonKawa.Tests "${build[@]}" --filter "$filter"; then
        break
    fi
    build=(--no-build)
done

echo
echo "==> Vérification : tests des contrats sans mise à jour"
if ! dotnet test PayeTonKawa.Tests --no-build --filter "$filter"; then
    echo
    echo "Les contrats ne sont toujours pas à jour, ou un test échoue pour une autre raison : voir les messages ci-dessus." >&2
    exit 1
fi

echo
changed=$(git status --short -- docs/ 2>/dev/null || true)
if [ -n "$changed" ]; then
    echo "==> Contrats à jour. Fichiers de docs/ modifiés, à relire puis à committer :"
    echo "$changed"
else
    echo "==> Contrats à jour : aucun fichier de docs/ n'a changé."
fi
