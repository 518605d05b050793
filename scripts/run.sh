#!/usr/bin/env bash
# Runs a TypeScript entry point on Node 24 (type stripping, no build step), provisioning Node 24 if the
# machine's node is older. Usage: scripts/run.sh path/to/entry.ts [args…]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PATH="$(bash "$here/lib/ensure-node.sh"):$PATH"
export PATH
cd "$here/.."
exec node --enable-source-maps "$@"
