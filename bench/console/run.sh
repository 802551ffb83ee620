#!/usr/bin/env bash
# The console's first render of data per page (issue #20 asks < 300 ms): a packaged server with one seeded
# account, then RenderTime.java in headless Chromium. Prints first / median / min / max per page.
#   bench/console/run.sh [runs=9]
# Needs Debian's chromium, python3.11 with boto3, a JDK 21+, and the reactor built (server jar, it test classpath).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS=${1:-9}
PORT=${PORT:-14571}
ACCOUNT=135792468024
OUT=${TMPDIR:-/tmp}/haneul-bench-console; rm -rf "$OUT"; mkdir -p "$OUT"
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
# never `mvn install` here: a reactor package leaves ~/.m2 alone
[[ -f server/target/haneul-server.jar ]] || mvn -q -B -o -DskipTests package -pl server -am
(cd it && mvn -q -o -B dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
wait_up() { for _ in $(seq 1 1500); do curl -s -o /dev/null "$1" && return 0; sleep 0.02; done; return 1; }
$JAVA -Xmx1g -jar server/target/haneul-server.jar --port "$PORT" --data-dir "$OUT/data" --log-level warn > "$OUT/haneul.log" 2>&1 & HP=$!
trap 'kill $HP 2>/dev/null || true' EXIT
wait_up "http://127.0.0.1:$PORT/_haneul/health"
python3.11 bench/console/seed.py "http://127.0.0.1:$PORT" "$ACCOUNT"
$JAVA -cp "$(cat "$OUT/cp.txt")" bench/console/RenderTime.java "http://127.0.0.1:$PORT" "$ACCOUNT" "$RUNS"
