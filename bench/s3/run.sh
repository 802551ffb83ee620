#!/usr/bin/env bash
# S3 PUT/GET throughput against dd on the same disk. Not part of the test suite.
#   bench/s3/run.sh [data-dir]      (default: ./.bench-s3 under the repository)
# Starts a Haneul node (permissive mode, SQLite) on port 4610, uploads and downloads 1 MiB and 64 MiB
# objects with one curl process per batch (one keep-alive connection, so process start-up is not
# measured), then writes and reads the same amounts with dd. Haneul fsyncs every object before it
# answers, so dd writes with conv=fsync per file; dd without fsync is printed for reference.
# Reads come from the page cache on both sides. Rounds interleave both sides; medians are reported.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${1:-$ROOT/.bench-s3}"
PORT="${BENCH_PORT:-4610}"
SMALL_N="${SMALL_N:-200}"     # 1 MiB objects
LARGE_N="${LARGE_N:-8}"       # 64 MiB objects
ROUNDS="${ROUNDS:-3}"         # interleaved rounds; medians are reported
JAR="$ROOT/server/target/haneul-server.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && ./haneul build)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"

rm -rf "$DATA"; mkdir -p "$DATA/server" "$DATA/files" "$DATA/dd"
"$JAVA" -XX:+UseSerialGC -jar "$JAR" --port "$PORT" --data-dir "$DATA/server" --log-level warn >"$DATA/server.log" 2>&1 &
SERVER=$!
python3 "$ROOT/bench/s3/sendfile_server.py" "$DATA/dd" "$((PORT + 1))" &
SENDFILE=$!
trap 'kill $SERVER $SENDFILE 2>/dev/null || true; wait $SERVER $SENDFILE 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/_haneul/health" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/bench"
curl -sf -X PUT "$URL" >/dev/null

head -c $((1 << 20)) /dev/urandom >"$DATA/files/1m"
head -c $((64 << 20)) /dev/urandom >"$DATA/files/64m"
head -c 4096 /dev/urandom >"$DATA/files/4k"
TINY_N="${TINY_N:-2000}"      # 4 KiB objects (ops/s)

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }

# curl_batch METHOD FILE COUNT PREFIX [BASE-URL]: one curl, COUNT requests on one connection; prints seconds
curl_batch() {
  local method=$1 file=$2 n=$3 prefix=$4 URL=${5:-$URL} cfg="$DATA/curl.cfg"
  : >"$cfg"
  for i in $(seq "$n"); do
    if [[ $method == PUT ]]; then
      printf 'upload-file = "%s"\nurl = "%s/%s-%d"\noutput = "/dev/null"\n' "$file" "$URL" "$prefix" "$i" >>"$cfg"
    else
      printf 'url = "%s/%s-%d"\noutput = "/dev/null"\n' "$URL" "$prefix" "$i" >>"$cfg"
    fi
  done
  local t0; t0=$(now)
  curl -sf -K "$cfg" -H 'Expect:'
  awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }'
}

dd_write() {  # dd_write FILE COUNT PREFIX SYNC
  local t0; t0=$(now)
  for i in $(seq "$2"); do dd if="$1" of="$DATA/dd/$3-$i" bs=1M $4 status=none; done
  awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }'
}
dd_read() {
  local t0; t0=$(now)
  for i in $(seq "$1"); do dd if="$DATA/dd/$2-$i" of=/dev/null bs=1M status=none; done
  awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }'
}

report() {  # report NAME BYTES HANEUL_S DD_S
  local h d; h=$(mbps "$2" "$3"); d=$(mbps "$2" "$4")
  printf '| %-22s | %8s | %8s | %5s%% |\n' "$1" "$h" "$d" "$(awk -v h="$h" -v d="$d" 'BEGIN { printf "%.0f", 100 * h / d }')"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# JIT warm-up: a few thousand requests before anything is measured
curl_batch PUT "$DATA/files/1m" 50 warm >/dev/null
for _ in 1 2 3 4 5 6; do curl_batch GET x 50 warm >/dev/null; done

declare -A T
for r in $(seq "$ROUNDS"); do   # interleaved, so load changes on a shared machine hit both sides alike
  T[put1]+="$(curl_batch PUT "$DATA/files/1m" "$SMALL_N" "s$r") "; T[ddw1]+="$(dd_write "$DATA/files/1m" "$SMALL_N" "s$r" conv=fsync) "
  T[get1]+="$(curl_batch GET x "$SMALL_N" "s$r") ";                T[ddr1]+="$(dd_read "$SMALL_N" "s$r") "
  T[put64]+="$(curl_batch PUT "$DATA/files/64m" "$LARGE_N" "l$r") "; T[ddw64]+="$(dd_write "$DATA/files/64m" "$LARGE_N" "l$r" conv=fsync) "
  T[get64]+="$(curl_batch GET x "$LARGE_N" "l$r") ";               T[ddr64]+="$(dd_read "$LARGE_N" "l$r") "
  T[sf1]+="$(curl_batch GET x "$SMALL_N" "s$r" "http://127.0.0.1:$((PORT + 1))") "
  T[sf64]+="$(curl_batch GET x "$LARGE_N" "l$r" "http://127.0.0.1:$((PORT + 1))") "
  T[ddn1]+="$(dd_write "$DATA/files/1m" "$SMALL_N" "n$r" "") ";    T[ddn64]+="$(dd_write "$DATA/files/64m" "$LARGE_N" "m$r" "") "
  rm -f "$DATA"/dd/[nm]"$r"-*
  T[put4k]+="$(curl_batch PUT "$DATA/files/4k" "$TINY_N" "t$r") "; T[get4k]+="$(curl_batch GET x "$TINY_N" "t$r") "
done
for k in "${!T[@]}"; do declare "$k=$(tr ' ' '\n' <<<"${T[$k]}" | grep . | median)"; done

echo "| operation (MB/s)       |   Haneul |       dd | ratio |"
echo "|---|---|---|---|"
report "PUT 1 MiB x $SMALL_N" $((SMALL_N << 20)) "$put1" "$ddw1"
report "PUT 64 MiB x $LARGE_N" $((LARGE_N << 26)) "$put64" "$ddw64"
report "GET 1 MiB x $SMALL_N" $((SMALL_N << 20)) "$get1" "$ddr1"
report "GET 64 MiB x $LARGE_N" $((LARGE_N << 26)) "$get64" "$ddr64"
echo
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", 100 * a / b }'; }  # Haneul MB/s as % of a reference, from their seconds
echo "GET ceiling over loopback (a sendfile(2) server, same curl): 1 MiB $(mbps $((SMALL_N << 20)) "$sf1") MB/s (Haneul at $(pct "$sf1" "$get1")%)," \
  "64 MiB $(mbps $((LARGE_N << 26)) "$sf64") MB/s (Haneul at $(pct "$sf64" "$get64")%)"
echo "dd without fsync (page cache only): 1 MiB $(mbps $((SMALL_N << 20)) "$ddn1") MB/s, 64 MiB $(mbps $((LARGE_N << 26)) "$ddn64") MB/s"
echo "small objects (4 KiB, one connection): PUT $(awk -v n="$TINY_N" -v s="$put4k" 'BEGIN { printf "%.0f", n / s }') ops/s, GET $(awk -v n="$TINY_N" -v s="$get4k" 'BEGIN { printf "%.0f", n / s }') ops/s"
rm -rf "$DATA"
