#!/usr/bin/env bash
# Lambda: warm invoke latency, invokes/s and cold starts for a trivial Python, Node and Java function,
# against the same bootstrap and handler driven by a bare Runtime API loop (the ceiling; Python and Node).
#   bench/lambda/run.sh [rounds=3] [sequential=1000] [seconds=10] [callers=4]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
ROUNDS=${1:-3}; SEQ=${2:-1000}; SECS=${3:-10}; CALLERS=${4:-4}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
OUT=${TMPDIR:-/tmp}/haneul-bench-lambda; rm -rf "$OUT"; mkdir -p "$OUT"
[[ -f server/target/haneul-server.jar ]] || ./haneul build
(cd it && mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
PY=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.11*/bin/python3 2>/dev/null | head -1 || true)
PY=${PY:-$(command -v python3)}; NODE=$(command -v node)
$JAVA -XX:+UseSerialGC -Xmx1g --enable-native-access=ALL-UNNAMED -jar server/target/haneul-server.jar --port 14590 \
  --data-dir "$OUT/data" --log-level warn >/dev/null 2>&1 & P=$!
trap 'kill $P 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -s -o /dev/null http://127.0.0.1:14590/_haneul/health && break; sleep 0.05; done
for round in $(seq 1 "$ROUNDS"); do
  $JAVA -cp "it/target/test-classes:$(cat "$OUT/cp.txt")" io.haneul.it.bench.LambdaInvokeBench http://127.0.0.1:14590 \
    "$SEQ" "$SECS" "$CALLERS" services/lambda/src/main/resources/io/haneul/lambda/bootstrap "$PY" "$NODE" 2>"$OUT/bench-$round.err" \
    | sed "s/^RESULT/RESULT round=$round/"
done
