#!/usr/bin/env bash
# Rekognition's vision models called bare (no API): p50/p99 latency per model on the test photos
# (it/src/test/resources/rekognition) and generated text, next to the whole VisionModels calls.
# The API's own benchmark compares its DetectFaces/DetectLabels/DetectText latency with these lines.
#   bench/rekognition/run.sh [rounds=10]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
ROUNDS=${1:-10}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${TMPDIR:-/tmp}/haneul-bench-rekognition; rm -rf "$OUT"; mkdir -p "$OUT"
# test-compile (not install): the reactor's own modules, never another build's jars from ~/.m2
[[ -n "${SKIP_BUILD:-}" ]] || mvn -q -o -B test-compile -pl services/rekognition -am
mvn -q -o -B dependency:build-classpath -pl services/rekognition -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="services/rekognition/target/test-classes:services/rekognition/target/classes:core/target/classes:storage/target/classes:$(cat "$OUT/cp.txt")"
cd services/rekognition # the bench reads the photos relative to the module, as the tests do
CP=$(echo "$CP" | tr ':' '\n' | sed "s|^\([^/]\)|$ROOT/\1|" | paste -sd:)
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" io.haneul.rekognition.models.VisionBench "$ROUNDS" 2>/dev/null | grep '^RESULT'
