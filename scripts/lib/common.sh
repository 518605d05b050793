# Shared shell settings for Medido's setup and infrastructure scripts.
# Sourced, never run. Everything downloaded lives under MEDIDO_CACHE so a fresh machine
# needs only the package registries (npm, Maven Central, Go module proxy).
MEDIDO_CACHE="${MEDIDO_CACHE:-$HOME/.cache/medido}"
MEDIDO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_VERSION="${MEDIDO_NODE_VERSION:-24.21.0}"
KAFKA_VERSION="${MEDIDO_KAFKA_VERSION:-4.2.1}"
FERRETDB_VERSION="${MEDIDO_FERRETDB_VERSION:-v1.24.2}"
mkdir -p "$MEDIDO_CACHE"

log() { printf '[medido] %s\n' "$*" >&2; }
die() { printf '[medido] error: %s\n' "$*" >&2; exit 1; }
# For entry points: Node 24 first on PATH (provisioned if the machine's is older), in the repository root.
use_node_at_root() {
  PATH="$(bash "$MEDIDO_ROOT/scripts/lib/ensure-node.sh"):$PATH"
  export PATH
  cd "$MEDIDO_ROOT"
}
