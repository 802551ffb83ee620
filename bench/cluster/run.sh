#!/usr/bin/env bash
# PostgreSQL cost per SQS message (CPU of the PostgreSQL processes, WAL bytes, commits, tuple churn)
# through one Haneul node on an embedded PostgreSQL (durable settings), and the cost of an ANALYZE of a
# large sqs_messages. Builds the reactor's classes (never installs), runs pg_cost.py, prints a table.
#   bench/cluster/run.sh [messages=5000] [threads=8]
# On a shared machine the numbers are indicative: CPU per message is what matters, not msg/s.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-cluster; rm -rf "$OUT"; mkdir -p "$OUT"
mvn -o -q -B -ntp test-compile dependency:build-classpath -pl it -am -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="it/target/test-classes:server/target/classes:core/target/classes:storage/target/classes"
for m in services/*/; do CP="$CP:${m}target/classes"; done
CP="$CP:$(cat "$OUT/cp.txt" | tr ':' '\n' | grep -v '/io/haneul/' | paste -sd:)"
$JAVA -cp "$CP" io.haneul.it.bench.BenchPostgres > "$OUT/pg.log" 2>&1 & BP=$!
HP=""; trap 'kill $BP $HP 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q '^STORAGE ' "$OUT/pg.log" && break; sleep 0.1; done
URL=$(awk '/^STORAGE / {print $2}' "$OUT/pg.log")
POSTMASTER=$(head -1 "$(psql "$URL" -Atc 'SHOW data_directory')/postmaster.pid")
$JAVA -XX:+UseSerialGC -Xms16m -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$CP" io.haneul.server.Main \
  --port 14568 --data-dir "$OUT/data" --storage "$URL" --log-level warn --smtp-port -1 > "$OUT/haneul.log" 2>&1 & HP=$!
for _ in $(seq 1 900); do curl -s -o /dev/null http://127.0.0.1:14568/_haneul/health && break; sleep 0.1; done
echo "PostgreSQL $(psql "$URL" -Atc 'SHOW server_version'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3.11 bench/cluster/pg_cost.py http://127.0.0.1:14568 "$URL" "$POSTMASTER" "$HP" "${1:-5000}" "${2:-8}"
