#!/usr/bin/env bash
# SWF: 3-activity workflows/s with D deciders and W workers over the SDK, schedule-to-start, server CPU per workflow.
#   bench/swf/run.sh [seconds=20] [deciders=8] [workers=8] [open=64] [storage=sqlite]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
SECS=${1:-20}; DECIDERS=${2:-8}; WORKERS=${3:-8}; OPEN=${4:-64}; STORAGE=${5:-sqlite}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-swf; rm -rf "$OUT"; mkdir -p "$OUT"
[[ -f server/target/haneul-server.jar ]] || ./haneul build
(cd it && mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
$JAVA -XX:+UseSerialGC -Xmx1g ${HANEUL_BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar server/target/haneul-server.jar --port 14581 \
  --data-dir "$OUT/data" --storage "$STORAGE" --services swf --swf-poll-seconds 5 --log-level warn >/dev/null 2>&1 & P=$!
trap 'kill $P 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do curl -s -o /dev/null http://127.0.0.1:14581/_haneul/health && break; sleep 0.05; done
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$P/stat"; }
for round in 1 2 3; do
  BEFORE=$(cpu)
  LINE=$($JAVA -cp "it/target/test-classes:$(cat "$OUT/cp.txt")" io.haneul.it.bench.SwfWorkflowBench http://127.0.0.1:14581 \
    "$SECS" "$DECIDERS" "$WORKERS" "$OPEN" 2>/dev/null | grep '^RESULT')
  AFTER=$(cpu)
  WF=$(echo "$LINE" | sed 's/.*workflows=\([0-9]*\).*/\1/')
  echo "$LINE round=$round server_cpu_ms_per_workflow=$(( (AFTER - BEFORE) * 1000 / TICKS / (WF > 0 ? WF : 1) ))"
done
