#!/usr/bin/env bash
# Builds the solution in Release with every analyzer (code style, .NET security rules, Security Code Scan) as an
# error, as CI does; given a project folder first (./scripts/build.sh PayeTonKawa.Clients), builds that project and
# what it references only, as the per-API jobs of CI do. Usage: ./scripts/build.sh [project] [extra dotnet build arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target=PayeTonKawa.sln
if [ "$#" -gt 0 ] && [[ "$1" != -* ]]; then
    target=$1
    shift
fi
dotnet tool restore >/dev/null
dotnet build "$target" -c Release --nologo "$@"
