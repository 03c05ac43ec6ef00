#!/usr/bin/env bash
# Publishes the line-coverage badge written by ./scripts/test.sh (coverage/badge_linecoverage.svg) on the orphan
# branch "badges", which the README shows. Run by CI on main; needs push rights on the repository.
# Usage: scripts/publish-coverage-badge.sh <badge.svg>
set -euo pipefail
badge=$(realpath "${1:?le badge SVG est attendu}")
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=$(mktemp -d)
trap 'git worktree remove --force "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git config user.name >/dev/null || git config user.name "github-actions[bot]"
git config user.email >/dev/null || git config user.email "41898282+github-actions[bot]@users.noreply.github.com"

if git fetch --quiet origin badges 2>/dev/null; then
    git worktree add --quiet "$work" FETCH_HEAD
else
    git worktree add --quiet --detach "$work"
    git -C "$work" checkout --quiet --orphan badges
    git -C "$work" rm -rf --quiet .
fi

cp "$badge" "$work/coverage.svg"
git -C "$work" add coverage.svg
if git -C "$work" diff --cached --quiet; then
    echo "==> Badge de couverture inchangé."
    exit 0
fi
git -C "$work" commit --quiet -m "chore: coverage badge of ${GITHUB_SHA:-$(git rev-parse HEAD)}"
git -C "$work" push --quiet origin HEAD:badges
echo "==> Badge de couverture publié sur la branche badges."
