#!/usr/bin/env bash
# SageMaker: InvokeEndpoint p50/p99 for a small XGBoost model through the API (SDK v2, HTTP, runtime,
# loaded booster) against Predictor.predict on the same model directory (the library's own cost).
#   bench/sagemaker/run.sh [warm=2000] [calls=10000]
#   tiny run: bench/sagemaker/run.sh 200 1000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
WARM=${1:-2000}; CALLS=${2:-10000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${TMPDIR:-/tmp}/haneul-bench-sagemaker; rm -rf "$OUT"; mkdir -p "$OUT"
# test-compile (not install): the reactor's own modules, never another build's jars from ~/.m2
# one reactor run, so that the service modules resolve to their fresh classes (not ~/.m2's jars); it's classpath is written last
mvn -q -o -B test-compile dependency:build-classpath -pl it -am -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="it/target/test-classes:$(cat "$OUT/cp.txt")"
for m in core storage server services/*; do [[ -d $m/target/classes ]] && CP="$m/target/classes:$CP"; done
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" io.haneul.it.sagemaker.SageMakerInvokeBench "$WARM" "$CALLS" 2>"$OUT/bench.err" | grep '^RESULT'
