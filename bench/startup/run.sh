#!/usr/bin/env bash
# Start-up as users see it: from the `./haneul run` command to the first answered request
# (/_haneul/health), median of N, with a fresh data dir and with an existing one; the JVM alone (the
# very command the launcher execs, HANEUL_PRINT_COMMAND) in the same rounds, so that a loaded machine
# shows as such; optionally the launcher of an earlier commit (BASE) on the same build, interleaved;
# optionally another built checkout (BASE_TREE=/tmp/before: its own launcher, jar and class-data
# archive, e.g. main built with `mvn -o -q -B -DskipTests package -pl server -am`), interleaved; and
# idle RSS 2 s after start. Each run also reports the server's CPU time (user+sys, from /proc) when it
# answered: the figure a busy machine disturbs least.
#   bench/startup/run.sh [runs=5] [BASE_COMMIT]      (SKIP_BUILD=1: time the build already there)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS=${1:-5}; BASE=${2:-}; PORT=14599
OUT=${TMPDIR:-/tmp}/haneul-bench-startup; rm -rf "$OUT"; mkdir -p "$OUT"
cd "$ROOT"
[[ -n "${SKIP_BUILD:-}" ]] || ./haneul build >/dev/null 2>&1 || true
[[ -f server/target/haneul-server.jar ]] || { echo "no build"; exit 1; }
TARGETS=(current)
[[ -n "$BASE" ]] && { git show "$BASE:haneul" > "$ROOT/.haneul-base-launcher"; chmod +x "$ROOT/.haneul-base-launcher";
  trap 'rm -f "$ROOT/.haneul-base-launcher"' EXIT; TARGETS+=(base); }
[[ -n "${BASE_TREE:-}" ]] && TARGETS+=(base-tree)
TARGETS+=(jvm-alone)
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
ms() { echo $(( $(date +%s%N) / 1000000 )); }
start() {  # start TARGET DATA_DIR: in the background, pid in P
  case $1 in
    current) "$ROOT/haneul" run --port $PORT --data-dir "$2" --log-level warn >/dev/null 2>&1 & P=$! ;;
    base-tree) "$BASE_TREE/haneul" run --port $PORT --data-dir "$2" --log-level warn >/dev/null 2>&1 & P=$! ;;
    base) "$ROOT/.haneul-base-launcher" run --port $PORT --data-dir "$2" --log-level warn >/dev/null 2>&1 & P=$! ;;
    jvm-alone) eval "exec $(HANEUL_PRINT_COMMAND=1 "$ROOT/haneul" run --port $PORT --data-dir "$2" --log-level warn)" >/dev/null 2>&1 & P=$! ;;
  esac
}
one() {  # one TARGET DATA_DIR -> prints "ms to first answer" and "cpu=ms of CPU the server had used by then"
  local s e cpu
  s=$(ms); start "$1" "$2"
  until curl -s -o /dev/null http://127.0.0.1:$PORT/_haneul/health; do sleep 0.005; done
  e=$(ms)
  # utime and stime (fields 14 and 15; the command name in field 2 has no spaces: java)
  cpu=$(awk -v t=$TICK_MS '{print ($14 + $15) * t}' /proc/$P/stat)
  [[ -n "${RSS:-}" ]] && { sleep 2; echo "idle_rss_kib target=$1 $(awk '/VmRSS/ {print $2}' /proc/$P/status)" >&2; }
  kill $P; wait $P 2>/dev/null || true
  # the launcher execs the JVM, so $P is the server itself; make sure the port is free before the next run
  while curl -s -o /dev/null http://127.0.0.1:$PORT/_haneul/health; do sleep 0.01; done
  echo "$((e - s)) cpu=$cpu"
}
one current "$OUT/warm" >/dev/null   # writes the class-data archive when there is no AOT cache
[[ -n "${BASE_TREE:-}" ]] && one base-tree "$OUT/warm" >/dev/null   # and the other checkout's
sleep 1
for i in $(seq 1 "$RUNS"); do
  for t in "${TARGETS[@]}"; do
    rm -rf "$OUT/fresh"
    echo "RESULT run=$i target=$t data=fresh ms=$(one "$t" "$OUT/fresh")"
    echo "RESULT run=$i target=$t data=existing ms=$(one "$t" "$OUT/warm")"
  done
done | tee "$OUT/results"
for t in "${TARGETS[@]}"; do for d in fresh existing; do
  med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "MEDIAN target=$t data=$d ms=$(grep "target=$t data=$d " "$OUT/results" | sed 's/.*ms=\([0-9]*\).*/\1/' | med)" \
    "cpu=$(grep "target=$t data=$d " "$OUT/results" | sed 's/.*cpu=//' | med)"
done; done
RSS=1 one current "$OUT/warm" >/dev/null
[[ -n "${BASE_TREE:-}" ]] && RSS=1 one base-tree "$OUT/warm" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
