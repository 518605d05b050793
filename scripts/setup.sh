#!/usr/bin/env bash
# Idempotent setup, run by every entry point (npm start, npm test, npm run medido|infra|bench|start:*):
# Node 24 from the npm registry if the machine's node is older, then the dependencies when node_modules
# is missing or older than the lock file. Quiet when there is nothing to do, so `$(npm run -s medido …)`
# captures only the command's own output. The test infrastructure (Kafka jars, FerretDB build) is fetched
# on first `npm test`/`npm run infra -- up`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/common.sh"
use_node_at_root
needs_install() { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }
if needs_install; then
  # Two entry points started at once (a test run and `npm start`) must not run `npm ci` over each other.
  exec 9>"$MEDIDO_CACHE/setup-$(printf '%s' "$PWD" | cksum | cut -d' ' -f1).lock"
  flock 9
  if needs_install; then
    log "installing the dependencies (npm ci), once per checkout"
    # --prefer-offline: packages already in npm's cache are not revalidated with the registry one by one.
    npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2
    log "ready: node $(node --version), npm $(npm --version)"
  fi
fi
