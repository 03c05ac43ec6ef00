#!/usr/bin/env bash
# Builds the solution in Release with every analyzer (code style, .NET security rules, Security Code Scan) as an
# error, as CI does. Usage: ./scripts/build.sh [extra dotnet build arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null
dotnet build PayeTonKawa.sln -c Release --nologo "$@"
