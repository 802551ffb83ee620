#!/usr/bin/env bash
# SQS in PostgreSQL mode (one node, durable PostgreSQL from the embedded binaries), one pass of the
# shared load matrix. Run after bench/sqs/run.sh; it uses the same generator.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
LOAD="${SQS_LOAD_DIR:-$ROOT/../shared/bench/sqs-load}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-sqs-pg; rm -rf "$OUT"; mkdir -p "$OUT"
export RESULTS_DIR="$OUT/results" REPS=1 PREWARM=${PREWARM:-30} JAVA_BIN="$JAVA" QUIET=${QUIET:-0}
(cd it && mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
$JAVA -cp "it/target/test-classes:$(cat "$OUT/cp.txt")" io.haneul.it.bench.BenchPostgres > "$OUT/pg.log" 2>&1 & PG=$!
trap 'kill $PG $HP 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q '^STORAGE ' "$OUT/pg.log" && break; sleep 0.1; done
URL=$(awk '/^STORAGE / {print $2}' "$OUT/pg.log")
$JAVA -XX:+UseSerialGC -Xms16m -Xmx512m --enable-native-access=ALL-UNNAMED -jar server/target/haneul-server.jar \
  --port 14567 --data-dir "$OUT/data" --storage "$URL" --log-level warn > "$OUT/haneul.log" 2>&1 & HP=$!
for _ in $(seq 1 600); do curl -s -o /dev/null http://127.0.0.1:14567/_haneul/health && break; sleep 0.1; done
"$LOAD/run.sh" matrix http://127.0.0.1:14567 haneul-postgres "$HP" 2>/dev/null | grep -E '^\||RSS' || true
