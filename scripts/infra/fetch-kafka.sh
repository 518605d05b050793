#!/usr/bin/env bash
# Resolves Apache Kafka's jars (broker, tools, log4j2) from Maven Central into the cache and prints
# the directory that holds them. Idempotent: a complete directory is reused.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# Bump the suffix whenever kafka/pom.xml changes, so caches refresh.
dir="$MEDIDO_CACHE/kafka/$KAFKA_VERSION-r2/libs"
if [ -f "$dir/.complete" ]; then echo "$dir"; exit 0; fi
command -v mvn >/dev/null || die "Maven is needed to fetch Kafka's jars (apt-get install maven)"
command -v java >/dev/null || die "Java 17+ is needed to run Kafka (apt-get install openjdk-17-jre-headless)"

log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central"
mkdir -p "$dir"
mvn -q -B -f "$MEDIDO_ROOT/scripts/infra/kafka/pom.xml" \
  -Dmaven.repo.local="$MEDIDO_CACHE/m2" -Dkafka.version="$KAFKA_VERSION" \
  dependency:copy-dependencies -DoutputDirectory="$dir" -DincludeScope=runtime >&2
touch "$dir/.complete"
echo "$dir"
