#!/usr/bin/env bash
# Local infrastructure for tests and the distributed local run, without a Docker engine:
#   Apache Kafka (KRaft, single node) from Maven Central jars, and FerretDB (SQLite backend) as the
#   MongoDB-protocol server. ClickHouse needs no server: chDB runs in-process (MEDIDO_CLICKHOUSE_URL
#   points at a real server instead).
# Usage: scripts/infra/infra.sh up|down|status|logs [kafka|ferretdb]
# Idempotent: `up` on a running service only checks it. Ports and directories come from the environment.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KAFKA_PORT="${MEDIDO_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${MEDIDO_KAFKA_CONTROLLER_PORT:-19093}"
FERRETDB_PORT="${MEDIDO_FERRETDB_PORT:-27027}"
STATE="${MEDIDO_INFRA_DIR:-$MEDIDO_CACHE/infra}"
# The readiness probe is TypeScript on kafkajs/mongodb: provision Node 24 and the dependencies first.
bash "$MEDIDO_ROOT/scripts/setup.sh"
NODE_BIN="$(bash "$MEDIDO_ROOT/scripts/lib/ensure-node.sh")"
export PATH="$NODE_BIN:$PATH"
mkdir -p "$STATE"

pid_of() { cat "$STATE/$1/pid" 2>/dev/null || true; }
running() { local p; p="$(pid_of "$1")"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

wait_ready() { # name, probe kind, target, log file
  local deadline=$((SECONDS + ${MEDIDO_INFRA_TIMEOUT:-90}))
  until node "$MEDIDO_ROOT/scripts/infra/probe.ts" "$2" "$3" 2>/dev/null; do
    if ! running "$1"; then log "$1 exited during start-up; last log lines:"; tail -n 30 "$4" >&2; return 1; fi
    if [ $SECONDS -ge $deadline ]; then log "$1 not ready after ${MEDIDO_INFRA_TIMEOUT:-90}s; see $4"; return 1; fi
    sleep 1
  done
  log "$1 ready at $3"
}

kafka_up() {
  local dir="$STATE/kafka" libs; mkdir -p "$dir"
  if running kafka; then wait_ready kafka kafka "127.0.0.1:$KAFKA_PORT" "$dir/server.log"; return; fi
  libs="$(bash "$MEDIDO_ROOT/scripts/infra/fetch-kafka.sh")"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=4
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  local java_opts=(-Xms256m -Xmx1g -XX:+UseG1GC -Dkafka.logs.dir="$dir"
    -Dlog4j2.configurationFile="$MEDIDO_ROOT/scripts/infra/kafka/log4j2.xml")
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id; cluster_id="$(java -cp "$libs/*" "${java_opts[@]}" kafka.tools.StorageTool random-uuid)"
    java -cp "$libs/*" "${java_opts[@]}" kafka.tools.StorageTool format --standalone \
      -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; die "formatting Kafka's log dir failed"; }
  fi
  nohup java -cp "$libs/*" "${java_opts[@]}" kafka.Kafka "$dir/server.properties" >"$dir/stdout.log" 2>&1 &
  echo $! > "$dir/pid"
  wait_ready kafka kafka "127.0.0.1:$KAFKA_PORT" "$dir/server.log"
}

ferretdb_up() {
  local dir="$STATE/ferretdb" bin; mkdir -p "$dir/data"
  if running ferretdb; then wait_ready ferretdb mongo "mongodb://127.0.0.1:$FERRETDB_PORT" "$dir/server.log"; return; fi
  bin="$(bash "$MEDIDO_ROOT/scripts/infra/build-ferretdb.sh")"
  nohup "$bin" --handler=sqlite --sqlite-url="file:$dir/data/" --state-dir="$dir" \
    --listen-addr="127.0.0.1:$FERRETDB_PORT" --debug-addr=- --telemetry=disable \
    --log-level=WARN >"$dir/server.log" 2>&1 &
  echo $! > "$dir/pid"
  wait_ready ferretdb mongo "mongodb://127.0.0.1:$FERRETDB_PORT" "$dir/server.log"
}

stop() {
  local p; p="$(pid_of "$1")"
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill "$p"; for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$p" 2>/dev/null || true; log "$1 stopped"
  fi
  rm -f "$STATE/$1/pid"
}

status() {
  for s in kafka ferretdb; do
    if running "$s"; then echo "$s: running (pid $(pid_of "$s"))"; else echo "$s: stopped"; fi
  done
  echo "MEDIDO_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  echo "MEDIDO_MONGO_URL=mongodb://127.0.0.1:$FERRETDB_PORT"
}

services="${2:-kafka ferretdb}"
case "${1:-}" in
  up) for s in $services; do "${s}_up"; done ;;
  down) for s in $services; do stop "$s"; done ;;
  reset) for s in $services; do stop "$s"; rm -rf "${STATE:?}/$s"; done ;;
  status) status ;;
  logs) for s in $services; do echo "== $s"; tail -n 50 "$STATE/$s/server.log" 2>/dev/null || true; done ;;
  *) echo "usage: $0 up|down|reset|status|logs [kafka|ferretdb]" >&2; exit 2 ;;
esac
