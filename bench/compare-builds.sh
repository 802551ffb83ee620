#!/usr/bin/env bash
# Compares the current build with an earlier commit, side by side and interleaved, on the foundation
# workload (wrk at 32 connections: STS GetCallerIdentity over awsQuery, SQS GetQueueUrl over awsJson 1.0,
# and the bare Jetty handler as the ceiling) and on the SQS matrix of the shared load generator
# (../shared/bench/sqs-load). Both Haneul builds run at once with the same flags; every round measures
# each target in turn, so machine noise hits both alike. The base is built in a git worktree with
# `mvn package` (nothing is installed into ~/.m2).
#   bench/compare-builds.sh BASE_COMMIT [rounds=3] [seconds=10] [sqs-passes=2]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BASE=${1:?usage: bench/compare-builds.sh BASE_COMMIT [rounds] [seconds] [sqs-passes]}
ROUNDS=${2:-3}; SECS=${3:-10}; PASSES=${4:-2}; CONNS=32
LOAD="${SQS_LOAD_DIR:-$ROOT/../shared/bench/sqs-load}"
OUT=${TMPDIR:-/tmp}/haneul-bench-compare; mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
JAVA=$JAVA_HOME/bin/java
JOPTS="-XX:+UseSerialGC -Xms16m -Xmx512m --enable-native-access=ALL-UNNAMED"
cd "$ROOT"
source bench/foundation/wrk-result.sh
[[ -f server/target/haneul-server.jar ]] || ./haneul build
(cd server && mvn -q -o test-compile >/dev/null)
WT="$OUT/base-$BASE"
if [[ ! -f "$WT/server/target/haneul-server.jar" ]]; then
  rm -rf "$WT"; git worktree prune
  git worktree add --detach "$WT" "$BASE" >/dev/null
  (cd "$WT" && mvn -q -o -B -DskipTests package)
fi
wait_up() { for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done; return 1; }
start() {  # start JAR PORT DATA -> pid
  rm -rf "$3"
  $JAVA $JOPTS -jar "$1" --port "$2" --data-dir "$3" --log-level warn >/dev/null 2>&1 & echo $!
}
NEW=$(start server/target/haneul-server.jar 14566 "$OUT/data-new")
OLD=$(start "$WT/server/target/haneul-server.jar" 14568 "$OUT/data-old")
CP="server/target/test-classes:server/target/haneul-server.jar:server/target/lib/*"
$JAVA $JOPTS -cp "$CP" io.haneul.server.bench.BareJettyServer 14567 >/dev/null 2>&1 & BARE=$!
trap 'kill $NEW $OLD $BARE 2>/dev/null || true' EXIT
for p in 14566 14567 14568; do wait_up "http://127.0.0.1:$p/"; done
for p in 14566 14568; do
  curl -s -o /dev/null -X POST "http://127.0.0.1:$p/" -H 'X-Amz-Target: AmazonSQS.CreateQueue' \
    -H 'Content-Type: application/x-amz-json-1.0' -d '{"QueueName":"bench"}'
done
echo "== base $BASE ($(git -C "$WT" log -1 --format=%s | cut -c1-60)) vs current $(git rev-parse --short HEAD)"
echo "== warm-up"
for p in 14566 14568; do
  wrk -t2 -c$CONNS -d5s -s bench/foundation/sts.lua "http://127.0.0.1:$p/" >/dev/null
  wrk -t2 -c$CONNS -d5s -s bench/foundation/sqs-json.lua "http://127.0.0.1:$p/" >/dev/null
done
wrk -t2 -c$CONNS -d5s -s bench/foundation/sts.lua http://127.0.0.1:14567/ >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  for target in bare sts-new sts-old sqs-new sqs-old; do
    case $target in
      bare) url=http://127.0.0.1:14567/; script=sts.lua ;;
      sts-new) url=http://127.0.0.1:14566/; script=sts.lua ;;
      sts-old) url=http://127.0.0.1:14568/; script=sts.lua ;;
      sqs-new) url=http://127.0.0.1:14566/; script=sqs-json.lua ;;
      sqs-old) url=http://127.0.0.1:14568/; script=sqs-json.lua ;;
    esac
    wrk_result "$r" "$target" "$url" "$script"
  done
done
if (( PASSES > 0 )); then
  export RESULTS_DIR="$OUT/sqs-results" REPS=1 PREWARM=${PREWARM:-15} JAVA_BIN="$JAVA" QUIET=${QUIET:-1}
  rm -rf "$RESULTS_DIR"
  "$LOAD/run.sh" build >/dev/null
  for pass in $(seq 1 "$PASSES"); do
    echo "== SQS pass $pass"
    "$LOAD/run.sh" matrix http://127.0.0.1:14568 "old-pass$pass" "$OLD" | grep -E '^\||NOISY' | sed 's/^/old: /' || true
    "$LOAD/run.sh" matrix http://127.0.0.1:14566 "new-pass$pass" "$NEW" | grep -E '^\||NOISY' | sed 's/^/new: /' || true
  done
fi
