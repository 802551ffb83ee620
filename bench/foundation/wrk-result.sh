# Sourced by the benchmark scripts: one wrk run and its RESULT line.
#   wrk_result ROUND TARGET URL LUA_SCRIPT   (uses CONNS and SECS)
wrk_result() {
  local res rps p50 p99 non2xx
  res=$(wrk -t2 -c"$CONNS" -d"${SECS}"s --latency -s "bench/foundation/$4" "$3")
  rps=$(echo "$res" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$res" | awk '$1=="50%" {print $2}')
  p99=$(echo "$res" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$res" | awk '/Non-2xx/ {print $4}')
  echo "RESULT round=$1 target=$2 rps=$rps p50=$p50 p99=$p99 non2xx=${non2xx:-0}"
}
