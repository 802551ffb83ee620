#!/usr/bin/env bash
# SageMaker: XGBoost and k-means training throughput (rows/s) through a training job (S3 download, CSV parse, train, model upload)
# against the library called directly (XGBoost4J; k-means's own train) in the same JVM; rounds alternate the two. Goal: job ≥ 90% of direct.
#   bench/sagemaker/train.sh [rows=100000] [features=10] [num_round=50] [rounds=3]
#   tiny run: bench/sagemaker/train.sh 5000 10 10 1
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
ROWS=${1:-100000}; FEATURES=${2:-10}; NUM_ROUND=${3:-50}; ROUNDS=${4:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${TMPDIR:-/tmp}/haneul-bench-sagemaker-train; rm -rf "$OUT"; mkdir -p "$OUT"
# test-compile (not install), one reactor run, so that the service modules are this tree's classes (not ~/.m2's jars)
mvn -q -o -B test-compile dependency:build-classpath -pl it -am -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="it/target/test-classes:$(cat "$OUT/cp.txt")"
for m in core storage server services/*; do [[ -d $m/target/classes ]] && CP="$m/target/classes:$CP"; done
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" io.haneul.it.sagemaker.SageMakerTrainingBench \
  "$ROWS" "$FEATURES" "$NUM_ROUND" "$ROUNDS" 2>"$OUT/bench.err" | grep -E '^(RESULT|ROUND)'
