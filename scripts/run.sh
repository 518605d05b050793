#!/usr/bin/env bash
# Runs a TypeScript entry point on Node 24 (type stripping, no build step). On first use it provisions
# Node 24 and installs the dependencies (scripts/setup.sh, idempotent and quiet when done), so every
# npm script works on a fresh clone. Usage: scripts/run.sh path/to/entry.ts [args…]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh"
source "$here/lib/common.sh"
use_node_at_root
exec node --enable-source-maps "$@"
