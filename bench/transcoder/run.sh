#!/usr/bin/env bash
# Elastic Transcoder's FFmpeg engine: three system presets through FfmpegEngine against the very ffmpeg
# command it builds, run directly on the same generated input (1280x720 test pattern with a tone): wall
# and child CPU per output, median of RUNS; then PARALLEL jobs at once (default: the cores).
#   bench/transcoder/run.sh [seconds=20] [runs=3] [parallel=nproc] [preset ids...]
#   tiny run: bench/transcoder/run.sh 2 1 2
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
[[ -n "${SKIP_BUILD:-}" ]] || mvn -q -o -B test-compile -pl services/transcoder -am
mvn -q -o -B dependency:build-classpath -pl services/transcoder -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="services/transcoder/target/test-classes:services/transcoder/target/classes:$(cat "$OUT/cp.txt")"
"$JAVA_HOME/bin/java" -cp "$CP" io.haneul.transcoder.ffmpeg.TranscoderBench "$OUT/work" "$SECONDS_OF_INPUT" "$RUNS" \
  "$PARALLEL" "${PRESETS[@]}" | grep '^RESULT'
