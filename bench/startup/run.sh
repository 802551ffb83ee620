#!/usr/bin/env bash
# Start-up as users see it: from the `./haneul run` command to the first answered request
# (/_haneul/health), median of N, with a fresh data dir and with an existing one; also the same for
# the launcher of an earlier commit (BASE, default none) on the same build, interleaved, to show what the
# launcher itself costs; and idle RSS.
#   bench/startup/run.sh [runs=5] [BASE_COMMIT]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS=${1:-5}; BASE=${2:-}
OUT=${TMPDIR:-/tmp}/haneul-bench-startup; rm -rf "$OUT"; mkdir -p "$OUT"
cd "$ROOT"
./haneul build >/dev/null 2>&1 || true
[[ -f server/target/haneul-server.jar ]] || { echo "no build"; exit 1; }
LAUNCHERS=("$ROOT/haneul")
if [[ -n "$BASE" ]]; then
  git show "$BASE:haneul" > "$ROOT/.haneul-base-launcher"; chmod +x "$ROOT/.haneul-base-launcher"
  trap 'rm -f "$ROOT/.haneul-base-launcher"' EXIT
  LAUNCHERS+=("$ROOT/.haneul-base-launcher")
fi
ms() { echo $(( $(date +%s%N) / 1000000 )); }
one() {  # one LAUNCHER DATA_DIR -> prints ms to first answer
  local s p e
  s=$(ms)
  "$1" run --port 14599 --data-dir "$2" --log-level warn >/dev/null 2>&1 & p=$!
  until curl -s -o /dev/null http://127.0.0.1:14599/_haneul/health; do sleep 0.005; done
  e=$(ms)
  [[ -n "${RSS:-}" ]] && { sleep 2; echo "idle_rss_kb $(awk '/VmRSS/ {print $2}' /proc/$(pgrep -f "port 14599" | tail -1)/status)" >&2; }
  kill $p; wait $p 2>/dev/null || true
  # the java process the launcher exec'd is $p itself; make sure the port is free before the next run
  while curl -s -o /dev/null http://127.0.0.1:14599/_haneul/health; do sleep 0.01; done
  echo $((e - s))
}
"$ROOT/haneul" run --port 14599 --data-dir "$OUT/warm" --log-level warn >/dev/null 2>&1 & W=$!  # writes the CDS archive
until curl -s -o /dev/null http://127.0.0.1:14599/_haneul/health; do sleep 0.05; done; kill $W; wait $W 2>/dev/null || true
sleep 1
for i in $(seq 1 "$RUNS"); do
  for l in "${LAUNCHERS[@]}"; do
    name=$([[ $l == "$ROOT/haneul" ]] && echo current || echo "base")
    rm -rf "$OUT/fresh"
    echo "RESULT run=$i launcher=$name data=fresh ms=$(one "$l" "$OUT/fresh")"
    echo "RESULT run=$i launcher=$name data=existing ms=$(one "$l" "$OUT/warm")"
  done
done
RSS=1 one "$ROOT/haneul" "$OUT/warm" >/dev/null
