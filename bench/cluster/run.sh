#!/usr/bin/env bash
# PostgreSQL cost per SQS message (CPU of the PostgreSQL processes, WAL bytes, commits, statements and
# round trips, tuple churn) through one Haneul node on an embedded PostgreSQL (durable settings,
# pg_stat_statements loaded), per operation: SendMessage, ReceiveMessage, DeleteMessage, the batches.
# Builds the reactor's classes (never installs), runs pg_cost.py, prints a table per node build.
#   bench/cluster/run.sh [messages=5000] [threads=8]
# BEFORE=/path/to/another/checkout (its classes compiled: mvn -o -q -B compile -pl it -am there) runs
# that build's node first on the same PostgreSQL, then this one's: a before/after in one run.
# ROUNDS=n repeats the pair (before, after) n times. SKIP_ANALYZE=1 leaves out the ANALYZE timing.
# On a shared machine the numbers are indicative: CPU per message is what matters, not msg/s.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-cluster; rm -rf "$OUT"; mkdir -p "$OUT"
mvn -o -q -B -ntp test-compile dependency:build-classpath -pl it -am -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test >/dev/null
LIBS="$(cat "$OUT/cp.txt" | tr ':' '\n' | grep -v '/io/haneul/' | paste -sd:)"
classes() { # the Haneul classes of a checkout
  local cp="$1/server/target/classes:$1/core/target/classes:$1/storage/target/classes"
  for m in "$1"/services/*/; do cp="$cp:${m}target/classes"; done
  echo "$cp"
}
$JAVA -cp "it/target/test-classes:$(classes "$ROOT"):$LIBS" io.haneul.it.bench.BenchPostgres > "$OUT/pg.log" 2>&1 & BP=$!
HP=""; trap 'kill $BP $HP 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q '^STORAGE ' "$OUT/pg.log" && break; sleep 0.1; done
URL=$(awk '/^STORAGE / {print $2}' "$OUT/pg.log")
POSTMASTER=$(head -1 "$(psql "$URL" -Atc 'SHOW data_directory')/postmaster.pid")
psql "$URL" -qc 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null

run_node() { # label, checkout
  local port=${PORT:-14568} label="$1" tree="$2"
  $JAVA -XX:+UseSerialGC -Xms16m -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$(classes "$tree"):$LIBS" io.haneul.server.Main \
    --port $port --data-dir "$OUT/data-$label" --storage "$URL" --log-level warn --smtp-port -1 > "$OUT/haneul-$label.log" 2>&1 & HP=$!
  for _ in $(seq 1 900); do curl -s -o /dev/null http://127.0.0.1:$port/_haneul/health && break; sleep 0.1; done
  echo
  echo "### $label ($(git -C "$tree" rev-parse --short HEAD)): PostgreSQL $(psql "$URL" -Atc 'SHOW server_version'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  python3.11 bench/cluster/pg_cost.py http://127.0.0.1:$port "$URL" "$POSTMASTER" "$HP" "${MESSAGES:-5000}" "${THREADS:-8}"
  kill $HP; wait $HP 2>/dev/null || true; HP=""
}
MESSAGES=${1:-5000}; THREADS=${2:-8}
for _ in $(seq 1 "${ROUNDS:-1}"); do
  if [ -n "${BEFORE:-}" ]; then run_node before "$BEFORE"; fi
  LABEL=${BEFORE:+after}; run_node "${LABEL:-this}" "$ROOT"
done
if [ -z "${SKIP_ANALYZE:-}" ]; then python3.11 bench/cluster/pg_cost.py --analyze "$URL"; fi
