#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and RabbitMQ (started by the tests themselves),
# then prints the line coverage of the service code. Usage: ./scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/prerequisites.sh

rm -rf TestResults coverage
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

if compgen -G "TestResults/*/coverage.cobertura.xml" >/dev/null; then
    dotnet reportgenerator -reports:"TestResults/*/coverage.cobertura.xml" -targetdir:coverage \
        -reporttypes:"TextSummary;Html;Cobertura" >/dev/null
    echo
    echo "==> Couverture (rapport HTML : coverage/index.html)"
    head -n 20 coverage/Summary.txt
fi

# One plain summary line, whatever the runner printed.
passed=$( (grep -Eo '^ +Passed: +[0-9]+' TestResults.log || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -Eo '^ +Failed: +[0-9]+' TestResults.log || true) | awk '{s+=$2} END {print s+0}')
echo
echo "${passed} passed, ${failed} failed"
exit "$status"
