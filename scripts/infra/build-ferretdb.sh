#!/usr/bin/env bash
# Builds FerretDB (the MongoDB-protocol server used by tests and the local stack) from its Go module.
# `go install` yields a binary that panics at start because build/version/version.txt is missing from
# the module zip, so we copy the module source, write that file, then `go build ./cmd/ferretdb`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

bin="$MEDIDO_CACHE/ferretdb/$FERRETDB_VERSION/ferretdb"
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
command -v go >/dev/null || die "Go is needed to build FerretDB (apt-get install golang, or install Go 1.22+)"

export GOPATH="${GOPATH:-$MEDIDO_CACHE/go}" GOFLAGS=-mod=mod GOTOOLCHAIN=local
log "downloading FerretDB $FERRETDB_VERSION from the Go module proxy"
dir="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
[ -d "$dir" ] || die "go mod download of FerretDB failed"

src="$(mktemp -d)"
cp -r "$dir/." "$src/" && chmod -R u+w "$src"
mkdir -p "$src/build/version"
printf '%s' "$FERRETDB_VERSION" > "$src/build/version/version.txt"
log "building FerretDB (a few minutes on a cold cache)"
(cd "$src" && go build -o "$bin.tmp" ./cmd/ferretdb)
mkdir -p "$(dirname "$bin")" && mv "$bin.tmp" "$bin"
rm -rf "$src"
echo "$bin"
