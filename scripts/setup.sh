#!/usr/bin/env bash
# One-time (and idempotent) setup: Node 24 from the npm registry if needed, then the dependencies.
# The test infrastructure (Kafka jars, FerretDB build) is fetched on first `npm test`/`npm run infra -- up`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PATH="$(bash "$here/lib/ensure-node.sh"):$PATH"
export PATH
cd "$here/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "[medido] ready: node $(node --version), npm $(npm --version)" >&2
