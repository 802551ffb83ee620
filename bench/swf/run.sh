#!/usr/bin/env bash
# SWF: 3-activity workflows/s with D deciders and W workers over the SDK, schedule-to-start, server CPU per workflow.
#   bench/swf/run.sh [seconds=20] [deciders=8] [workers=8] [open=64] [storage=sqlite|postgres|postgresql://...]
# Three rounds with OPEN executions kept open (throughput; schedule-to-start includes queueing), then
# one "dispatch" round with 2 open executions, so a decider and a worker are always already waiting
# and schedule-to-start is the dispatch latency. "postgres" starts PostgreSQL from the embedded
# binaries (BenchPostgres). HANEUL_BENCH_JAVA_OPTS adds server JVM options (e.g. a JFR recording);
# HANEUL_BENCH_JAR runs another build (for a before/after comparison).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
SECS=${1:-20}; DECIDERS=${2:-8}; WORKERS=${3:-8}; OPEN=${4:-64}; STORAGE=${5:-sqlite}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-swf; rm -rf "$OUT"; mkdir -p "$OUT"
JAR=${HANEUL_BENCH_JAR:-server/target/haneul-server.jar}
[[ -f "$JAR" ]] || { echo "build the server first ($JAR)" >&2; exit 1; }
(cd it && mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
CP="it/target/test-classes:$(cat "$OUT/cp.txt")"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
if [[ "$STORAGE" == postgres ]]; then
  $JAVA -cp "$CP" io.haneul.it.bench.BenchPostgres > "$OUT/pg.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 1200); do grep -q '^STORAGE ' "$OUT/pg.log" && break; sleep 0.1; done
  STORAGE=$(awk '/^STORAGE / {print $2}' "$OUT/pg.log")
fi
$JAVA -XX:+UseSerialGC -Xmx1g ${HANEUL_BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar "$JAR" --port 14581 \
  --data-dir "$OUT/data" --storage "$STORAGE" --services swf --swf-poll-seconds 5 --log-level warn >/dev/null 2>&1 & P=$!
PIDS+=($P)
for _ in $(seq 1 1200); do curl -s -o /dev/null http://127.0.0.1:14581/_haneul/health && break; sleep 0.05; done
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$P/stat"; }
for round in 1 2 3 dispatch; do
  N=$OPEN; [[ $round == dispatch ]] && N=2
  BEFORE=$(cpu)
  LINE=$($JAVA -cp "$CP" io.haneul.it.bench.SwfWorkflowBench http://127.0.0.1:14581 \
    "$SECS" "$DECIDERS" "$WORKERS" "$N" 2>/dev/null | grep '^RESULT')
  AFTER=$(cpu)
  WF=$(echo "$LINE" | sed 's/.*workflows=\([0-9]*\).*/\1/')
  echo "$LINE round=$round server_cpu_ms_per_workflow=$(( (AFTER - BEFORE) * 1000 / TICKS / (WF > 0 ? WF : 1) ))"
done
