#!/usr/bin/env bash
# Regenerates the contract files committed in docs/ (the OpenAPI documents docs/openapi/*.json and every other file
# checked by the tests of PayeTonKawa.Tests.Contracts) from the code, then the API reference docs/API.md from those
# documents (tools/PayeTonKawa.ApiReference), then runs those tests again, without updating, to confirm that the
# committed files are now current.
# Usage: ./scripts/update-contracts.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/prerequisites.sh

filter="FullyQualifiedName~PayeTonKawa.Tests.Contracts"

dotnet build PayeTonKawa.sln -v q --nologo

# A test that rewrites its file fails on purpose, so this pass may fail (the build above has already succeeded). docs/API.md is written afterwards by its
# generator, from the OpenAPI documents this pass has just updated.
echo "==> Mise à jour des contrats"
PAYETONKAWA_UPDATE_CONTRACTS=1 dotnet test PayeTonKawa.sln --no-build --filter "${filter}&FullyQualifiedName!~ApiReferenceTests" || true

echo
echo "==> Référence de l'API (docs/API.md)"
dotnet run --no-build --project tools/PayeTonKawa.ApiReference

echo
echo "==> Vérification : tests des contrats sans mise à jour"
if ! dotnet test PayeTonKawa.sln --no-build --filter "$filter"; then
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
