#!/usr/bin/env bash
# Runs the whole PayeTonKawa system: PostgreSQL, RabbitMQ, the three APIs (ports 8000, 8001, 8002) and the Aspire
# dashboard (its login URL is printed below). Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/prerequisites.sh
exec dotnet run --project PayeTonKawa.AppHost --launch-profile http "$@"
