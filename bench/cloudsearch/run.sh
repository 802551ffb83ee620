#!/usr/bin/env bash
# CloudSearch: documents/s through documents/batch (5 MB JSON batches) and query p50/p99 for a fixed
# mix (simple, structured with fq, facets, sort by expression, geo sort), beside raw Lucene indexing
# the same generated catalogue with the same analyzers and running the same queries in-process.
#   bench/cloudsearch/run.sh [docs=1000000] [queries=2000] [storage=sqlite]
# SERVER_JAR=path runs another build's server (e.g. a copy of server/target made before a change) against
# the same client and raw side, to compare builds in one session; SKIP_BUILD=1 uses what is built.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
DOCS=${1:-1000000}; QUERIES=${2:-2000}; STORAGE=${3:-sqlite}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-cloudsearch; rm -rf "$OUT"; mkdir -p "$OUT"
# package (not install): the reactor's own modules, never another build's jars from ~/.m2
[[ -n "${SKIP_BUILD:-}" ]] || mvn -q -o -B -DskipTests package -pl server -am
[[ -n "${SKIP_BUILD:-}" ]] || mvn -q -o -B test-compile -pl it -am
CP="it/target/test-classes:server/target/haneul-server.jar:server/target/lib/*"
SERVER_JAR=${SERVER_JAR:-server/target/haneul-server.jar}
$JAVA -Xmx2g -jar "$SERVER_JAR" --port 14591 --data-dir "$OUT/data" --storage "$STORAGE" \
  --services cloudsearch --log-level warn >"$OUT/server.log" 2>&1 & P=$!
trap 'kill $P 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -s -o /dev/null http://127.0.0.1:14591/_haneul/health && break; sleep 0.1; done
$JAVA -Xmx2g -cp "$CP" io.haneul.it.bench.CloudSearchBench http://127.0.0.1:14591 \
  "$OUT/data" "$DOCS" "$QUERIES" "$P" 2>/dev/null | grep '^RESULT'
