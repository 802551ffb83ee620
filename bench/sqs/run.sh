#!/usr/bin/env bash
# SQS: Haneul (default durable SQLite mode) and ElasticMQ 1.7.1 (in-memory) side by side, interleaved, with
# the shared load generator (../shared/bench/sqs-load): sent and received+deleted msg/s, p50/p99 per call,
# server CPU µs per message, at concurrency 8 and 32, batch 1 and 10, 256-byte messages; both servers with
# the same heap cap. Optionally also PostgreSQL mode (POSTGRES_URL=postgresql://...).
#   bench/sqs/run.sh [passes=3]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LOAD="${SQS_LOAD_DIR:-$ROOT/../shared/bench/sqs-load}"
PASSES=${1:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
HEAP=${HEAP:--Xms16m -Xmx512m}
OUT=${TMPDIR:-/tmp}/haneul-bench-sqs; rm -rf "$OUT"; mkdir -p "$OUT"
export RESULTS_DIR="$OUT/results" REPS=1 PREWARM=${PREWARM:-30} JAVA_BIN="$JAVA" QUIET=${QUIET:-0}
cd "$ROOT"; [[ -f server/target/haneul-server.jar ]] || ./haneul build
"$LOAD/run.sh" build >/dev/null
"$LOAD/elasticmq.sh" --resolve-only >/dev/null

echo "== startup (5 each)"
"$LOAD/run.sh" startup 19324 5 -- env JAVA_OPTS="$HEAP" "$LOAD/elasticmq.sh" 19324 | sed 's/^/elasticmq: /'
"$LOAD/run.sh" startup 14566 5 -- bash -c "rm -rf '$OUT/startup-data'; exec $JAVA -XX:+UseSerialGC $HEAP --enable-native-access=ALL-UNNAMED -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$OUT/haneul.jsa -jar server/target/haneul-server.jar --port 14566 --data-dir '$OUT/startup-data' --log-level warn" | sed 's/^/haneul: /'

JAVA_OPTS="$HEAP" "$LOAD/elasticmq.sh" 19324 > "$OUT/elasticmq.log" 2>&1 & EP=$!
$JAVA -XX:+UseSerialGC $HEAP --enable-native-access=ALL-UNNAMED -XX:SharedArchiveFile="$OUT/haneul.jsa" \
  -jar server/target/haneul-server.jar --port 14566 --data-dir "$OUT/data" --log-level warn > "$OUT/haneul.log" 2>&1 & HP=$!
trap 'kill $EP $HP 2>/dev/null || true' EXIT
for p in 19324 14566; do for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$p/" && break; sleep 0.1; done; done
echo "idle RSS kB: elasticmq $(awk '/VmRSS/ {print $2}' /proc/$EP/status) haneul $(awk '/VmRSS/ {print $2}' /proc/$HP/status)"
for pass in $(seq 1 "$PASSES"); do
  echo "== pass $pass"
  "$LOAD/run.sh" matrix http://127.0.0.1:19324 "elasticmq-pass$pass" "$EP" | grep -E '^\||RSS|NOISY' || true
  "$LOAD/run.sh" matrix http://127.0.0.1:14566 "haneul-pass$pass" "$HP" | grep -E '^\||RSS|NOISY' || true
done
echo "results in $RESULTS_DIR (per-pass .csv/.md)"
