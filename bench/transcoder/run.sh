#!/usr/bin/env bash
# Elastic Transcoder's FFmpeg engine: three system presets through FfmpegEngine against the very ffmpeg
# command it builds, run directly on the same generated input (1280x720 test pattern with a tone): wall
# and CPU per output (ffmpeg's and ffprobe's, and the JVM's own: work done in-process counts), median of
# RUNS; then PARALLEL jobs at once (default: the cores).
#   bench/transcoder/run.sh [seconds=20] [runs=3] [parallel=nproc] [preset ids...]
#   tiny run: bench/transcoder/run.sh 2 1 2
# Old against new in one run: BASE_TREE=<a checkout of the old engine> [ROUNDS=2] bench/transcoder/run.sh ...
# builds both (test-compile, never install) and alternates this bench class over the base tree's engine
# classes and this tree's, ROUNDS times; each RESULT line then starts with build=base or build=this.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
SECONDS_OF_INPUT=${1:-20}; RUNS=${2:-3}; PARALLEL=${3:-$(nproc)}
shift $(( $# < 3 ? $# : 3 ))
PRESETS=("$@")
# Generic 720p (H.264/AAC MP4), HLS v3 1M (H.264/AAC TS), Webm 720p (VP8/Vorbis)
(( ${#PRESETS[@]} )) || PRESETS=(1351620000001-000010 1351620000001-200030 1351620000001-100240)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${TMPDIR:-/tmp}/haneul-bench-transcoder; rm -rf "$OUT"; mkdir -p "$OUT"
# test-compile (not install): the reactor's own modules, never another build's jars from ~/.m2
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -q -o -B test-compile -pl services/transcoder -am
  [[ -z "${BASE_TREE:-}" ]] || (cd "$BASE_TREE" && mvn -q -o -B test-compile -pl services/transcoder -am)
fi
mvn -q -o -B dependency:build-classpath -pl services/transcoder -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
BENCH="services/transcoder/target/test-classes"
run() { # $1: build label, $2: engine classes
  rm -rf "$OUT/work-$1"
  "$JAVA_HOME/bin/java" -cp "$BENCH:$2:$(cat "$OUT/cp.txt")" io.haneul.transcoder.ffmpeg.TranscoderBench "$OUT/work-$1" \
    "$SECONDS_OF_INPUT" "$RUNS" "$PARALLEL" "${PRESETS[@]}" | grep '^RESULT' | sed "s/^RESULT/RESULT build=$1/"
}
if [[ -z "${BASE_TREE:-}" ]]; then
  run this services/transcoder/target/classes | sed 's/^RESULT build=this/RESULT/'
else
  for _ in $(seq "${ROUNDS:-2}"); do
    run base "$BASE_TREE/services/transcoder/target/classes"
    run this services/transcoder/target/classes
  done
fi
