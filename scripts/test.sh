#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and RabbitMQ (started by the tests themselves), then the gates:
#  - every test passes, including the contract tests (committed OpenAPI/AsyncAPI documents match the code, and the
#    Postman collection passes with newman against the system started by the AppHost);
#  - the line coverage of the service code is at least 95 % (scripts/coverage-gate.sh; skipped when arguments
#    select a part of the suite).
# Usage: ./scripts/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Clients"]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/prerequisites.sh

rm -rf TestResults coverage
started=$(date +%s)
set +e
dotnet test PayeTonKawa.sln \
    --settings coverage.runsettings \
    --collect "XPlat Code Coverage" \
    --results-directory TestResults \
    --logger "trx;LogFileName=results.trx" \
    --logger "console;verbosity=normal" \
    "$@" 2>&1 | tee TestResults.log
status=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - started ))

if compgen -G "TestResults/*/coverage.cobertura.xml" >/dev/null; then
    dotnet reportgenerator -reports:"TestResults/*/coverage.cobertura.xml" -targetdir:coverage \
        -reporttypes:"TextSummary;Html;Cobertura;MarkdownSummaryGithub;Badges" >/dev/null
    echo
    echo "==> Couverture (rapport HTML : coverage/index.html)"
    head -n 20 coverage/Summary.txt
fi

# One plain summary line, whatever the runner printed.
passed=$( (grep -Eo '^ +Passed: +[0-9]+' TestResults.log || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -Eo '^ +Failed: +[0-9]+' TestResults.log || true) | awk '{s+=$2} END {print s+0}')

gate=0
if [ "$#" -eq 0 ]; then
    scripts/coverage-gate.sh || gate=1
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    {
        echo "### Tests : ${passed} réussis, ${failed} en échec ($(( elapsed / 60 )) min $(( elapsed % 60 )) s)"
        [ ! -f coverage/SummaryGithub.md ] || cat coverage/SummaryGithub.md
    } >>"$GITHUB_STEP_SUMMARY"
fi

echo
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] || exit "$status"
exit "$gate"
