#!/usr/bin/env bash
# The kill -9 soak (bench/soak/kill9.py) as recorded in docs/BENCHMARKS.md:
#   bench/soak/kill9.sh sqlite   [cycles=100]   one node on SQLite, killed and restarted on its data dir
#   bench/soak/kill9.sh postgres [cycles=100]   two nodes on one PostgreSQL (the embedded binaries the tests
#                                               use) with a shared blob dir; node 0 is killed, node 1 serves
# Needs python3 with boto3 (the machine's Python 3.11). Prints the script's JSON report.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
MODE=${1:-sqlite}; CYCLES=${2:-100}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${TMPDIR:-/tmp}/haneul-soak-kill9-$MODE; rm -rf "$OUT"; mkdir -p "$OUT"
PY=$(command -v python3.11 || command -v python3)
if [[ $MODE == sqlite ]]; then
  exec "$PY" bench/soak/kill9.py --cycles "$CYCLES" --out "$OUT"
fi
./haneul build >/dev/null
(cd it && mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
"$JAVA_HOME/bin/java" -cp "it/target/test-classes:$(cat "$OUT/cp.txt")" io.haneul.it.bench.BenchPostgres > "$OUT/pg.log" 2>&1 & PG=$!
trap 'kill $PG 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q '^STORAGE ' "$OUT/pg.log" && break; sleep 0.1; done
URL=$(awk '/^STORAGE / {print $2}' "$OUT/pg.log")
"$PY" bench/soak/kill9.py --cycles "$CYCLES" --nodes 2 --storage "$URL" --out "$OUT/run"
