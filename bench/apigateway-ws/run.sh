#!/usr/bin/env bash
# WebSocket APIs: 1,000 open connections held (heap per idle connection: the server's used heap after
# a full GC, before and with the connections), round-trip messages/s through a two-way MOCK route
# (64 connections, 16 messages in flight each), and @connections broadcast to all 1,000 (one POST per
# connection, deliveries/s counted when each client has the message).
#   bench/apigateway-ws/run.sh [conns=1000] [secs=10]
# Needs python3 with boto3 (the API is created through apigatewayv2 like any client would) and a JDK.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CONNS=${1:-1000}; SECS=${2:-10}; ACTIVE=64; WINDOW=16; ROUNDS=5
OUT=${TMPDIR:-/tmp}/haneul-bench-apigateway-ws; rm -rf "$OUT"; mkdir -p "$OUT"
PY=${PYTHON:-}
for p in python3.11 /root/.pyenv/shims/python3.11 python3; do  # the first Python that has boto3
  [[ -z "$PY" ]] && command -v "$p" >/dev/null && "$p" -c 'import boto3' 2>/dev/null && PY=$(command -v "$p")
done
[[ -n "$PY" ]] || { echo "needs python3 with boto3 (pip install boto3)" >&2; exit 1; }
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
# never `mvn install` here: a reactor package leaves ~/.m2 alone
[[ -f server/target/haneul-server.jar ]] || mvn -q -B -o -DskipTests package -pl server -am
wait_up() { for _ in $(seq 1 500); do curl -s -o /dev/null "$1" && return 0; sleep 0.02; done; return 1; }
$JAVA -XX:+UseSerialGC -Xms64m -Xmx1g --enable-native-access=ALL-UNNAMED -jar server/target/haneul-server.jar \
  --port 14567 --data-dir "$OUT/data" --log-level warn > "$OUT/haneul.log" 2>&1 & HP=$!
trap 'kill $HP 2>/dev/null || true; kill $BP 2>/dev/null || true' EXIT
wait_up http://127.0.0.1:14567/_haneul/health
API=$("$PY" bench/apigateway-ws/setup.py http://127.0.0.1:14567)
used_kb() {  # the server's used heap after a full GC, in KB
  "$JAVA_HOME/bin/jcmd" $HP GC.run >/dev/null; sleep 1
  "$JAVA_HOME/bin/jstat" -gc $HP | awk 'NR==2 { print int($4 + $6 + $8 + $10) }'  # S0U S1U EU OU
}
# one warm-up connection so the plane, its cache and Jetty's WebSocket classes are loaded before the baseline
$JAVA bench/apigateway-ws/Bench.java "ws://127.0.0.1:14567/_aws/execute-api/$API/bench" \
  "http://127.0.0.1:14567/_aws/execute-api/$API/bench" 1 1 1 1 1 <<< "" > /dev/null
BEFORE=$(used_kb)
mkfifo "$OUT/go"
$JAVA -Xmx1g bench/apigateway-ws/Bench.java "ws://127.0.0.1:14567/_aws/execute-api/$API/bench" \
  "http://127.0.0.1:14567/_aws/execute-api/$API/bench" "$CONNS" $ACTIVE $WINDOW "$SECS" $ROUNDS $HP < "$OUT/go" > "$OUT/bench.log" 2>&1 & BP=$!
exec 3>"$OUT/go"
until grep -q HOLDING "$OUT/bench.log"; do sleep 0.2; kill -0 $BP || { cat "$OUT/bench.log"; exit 1; }; done
HOLD=$(used_kb)
echo "RESULT idle connections=$CONNS heap_before_kb=$BEFORE heap_with_kb=$HOLD per_connection_kb=$(awk "BEGIN { printf \"%.1f\", ($HOLD - $BEFORE) / $CONNS }")"
echo >&3
wait $BP
cat "$OUT/bench.log"
