#!/usr/bin/env bash
# SNS fan-out: Publish -> 10 SQS subscriptions (raw), deliveries/s and publish-to-enqueue latency.
#   bench/sns/run.sh [seconds=20] [publishers=16]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
SECS=${1:-20}; PUBS=${2:-16}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-sns; rm -rf "$OUT"; mkdir -p "$OUT"
[[ -f server/target/haneul-server.jar ]] || ./haneul build
(cd it && mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
$JAVA -XX:+UseSerialGC -Xmx1g --enable-native-access=ALL-UNNAMED -jar server/target/haneul-server.jar --port 14580 \
  --data-dir "$OUT/data" --log-level warn >/dev/null 2>&1 & P=$!
trap 'kill $P 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -s -o /dev/null http://127.0.0.1:14580/_haneul/health && break; sleep 0.05; done
for round in 1 2 3; do
  $JAVA -cp "it/target/test-classes:$(cat "$OUT/cp.txt")" io.haneul.it.bench.SnsFanoutBench http://127.0.0.1:14580 "$SECS" "$PUBS" 2>/dev/null \
    | sed "s/^RESULT/RESULT round=$round/"
done
