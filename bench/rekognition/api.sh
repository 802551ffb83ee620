#!/usr/bin/env bash
# Rekognition through its API (SDK v2 client -> in-process server) against the bare models on the same
# photos, in one JVM and one run: CPU per image (median of rounds; the figure that counts on a loaded
# machine) and wall p50/p99 for DetectFaces, DetectLabels and SearchFacesByImage, and the API's
# throughput by CPU as a fraction of the bare models' (the issue's goal: >= 0.90).
#   bench/rekognition/api.sh [rounds=8]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
ROUNDS=${1:-8}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${TMPDIR:-/tmp}/haneul-bench-rekognition-api; rm -rf "$OUT"; mkdir -p "$OUT"
# test-compile (not install): the reactor's own modules, never another build's jars from ~/.m2
[[ -n "${SKIP_BUILD:-}" ]] || mvn -q -o -B test-compile -pl it -am
mvn -q -o -B dependency:build-classpath -pl it -DexcludeGroupIds=io.haneul -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="it/target/test-classes:$(ls -d "$ROOT"/*/target/classes "$ROOT"/services/*/target/classes | paste -sd:):$(cat "$OUT/cp.txt")"
cd it # the models' cache is it/target/rekognition-models, shared with the ITs
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$ROOT/$CP" io.haneul.it.rekognition.RekognitionApiBench "$ROUNDS" \
  2>/dev/null | grep '^RESULT'
