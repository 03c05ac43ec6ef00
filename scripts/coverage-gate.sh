#!/usr/bin/env bash
# Fails when the line coverage of the service code is below the threshold (COVERAGE_MIN, 95 by default).
# Reads coverage/Summary.txt, written by ./scripts/test.sh from coverlet's Cobertura files: the lines of the three
# APIs, of ServiceDefaults and of Messaging (coverage.runsettings), without EF Core migrations (generated code) nor the AppHost,
# the test projects and the design-time factories' generated code. Usage: scripts/coverage-gate.sh [summary file]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
summary="${1:-coverage/Summary.txt}"
minimum="${COVERAGE_MIN:-95}"

[ -f "$summary" ] || { echo "==> Couverture : rapport $summary absent, la suite de tests n'a pas produit de couverture." >&2; exit 1; }
coverage=$(awk -F': *' '/^ *Line coverage:/ { sub(/%/, "", $2); print $2; exit }' "$summary")
[ -n "$coverage" ] || { echo "==> Couverture : taux introuvable dans $summary." >&2; exit 1; }

if awk -v c="$coverage" -v m="$minimum" 'BEGIN { exit !(c + 0 < m + 0) }'; then
    echo "==> Couverture des lignes : ${coverage} % < ${minimum} % exigés : échec." >&2
    exit 1
fi
echo "==> Couverture des lignes : ${coverage} % (seuil ${minimum} %)."
