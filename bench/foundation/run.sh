#!/usr/bin/env bash
# Foundation benchmark: requests/s and latency of STS GetCallerIdentity (query) and SQS GetQueueUrl
# (awsJson 1.0) at 32 connections, interleaved with a bare Jetty handler that answers a constant
# (the ceiling); startup time to first served request; idle RSS.
#   bench/foundation/run.sh [rounds=3] [seconds=10]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS=${1:-3}; SECS=${2:-10}; CONNS=32
OUT=${TMPDIR:-/tmp}/haneul-bench-foundation; mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cd "$ROOT"
source bench/foundation/wrk-result.sh
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
[[ -f server/target/haneul-server.jar ]] || ./haneul build
(cd server && mvn -q -o test-compile >/dev/null)
CP="server/target/test-classes:server/target/haneul-server.jar:server/target/lib/*"
JOPTS="-XX:+UseSerialGC -Xms16m -Xmx512m --enable-native-access=ALL-UNNAMED"
wait_up() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.02; done; return 1; }

echo "== startup to first served request (5 runs, fresh data dir each)"
for i in 1 2 3 4 5; do
  rm -rf "$OUT/data"; s=$(date +%s%N)
  $JAVA $JOPTS -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$OUT/haneul.jsa" -jar server/target/haneul-server.jar \
    --port 14566 --data-dir "$OUT/data" --log-level warn >/dev/null 2>&1 & P=$!
  wait_up http://127.0.0.1:14566/_haneul/health; e=$(date +%s%N)
  echo "startup_ms $(( (e - s) / 1000000 ))"
  [[ $i == 5 ]] && { sleep 2; echo "idle_rss_kb $(awk '/VmRSS/ {print $2}' /proc/$P/status)"; }
  kill $P; wait $P 2>/dev/null || true
done

rm -rf "$OUT/data"
$JAVA $JOPTS -XX:SharedArchiveFile="$OUT/haneul.jsa" -jar server/target/haneul-server.jar --port 14566 \
  --data-dir "$OUT/data" --log-level warn >/dev/null 2>&1 & HP=$!
$JAVA $JOPTS -cp "$CP" io.haneul.server.bench.BareJettyServer 14567 >/dev/null 2>&1 & BP=$!
trap 'kill $HP $BP 2>/dev/null || true' EXIT
wait_up http://127.0.0.1:14566/_haneul/health; wait_up http://127.0.0.1:14567/
curl -s -o /dev/null -X POST http://127.0.0.1:14566/ -H 'X-Amz-Target: AmazonSQS.CreateQueue' \
  -H 'Content-Type: application/x-amz-json-1.0' -d '{"QueueName":"bench"}'
echo "== warm-up"
wrk -t2 -c$CONNS -d5s -s bench/foundation/sts.lua http://127.0.0.1:14566/ >/dev/null
wrk -t2 -c$CONNS -d5s -s bench/foundation/sqs-json.lua http://127.0.0.1:14566/ >/dev/null
wrk -t2 -c$CONNS -d5s -s bench/foundation/sts.lua http://127.0.0.1:14567/ >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  for target in bare sts sqs-json; do
    case $target in
      bare) url=http://127.0.0.1:14567/; script=sts.lua ;;
      sts) url=http://127.0.0.1:14566/; script=sts.lua ;;
      sqs-json) url=http://127.0.0.1:14566/; script=sqs-json.lua ;;
    esac
    wrk_result "$r" "$target" "$url" "$script"
  done
done
echo "loaded_rss_kb $(awk '/VmRSS/ {print $2}' /proc/$HP/status)"
