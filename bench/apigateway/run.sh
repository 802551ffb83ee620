#!/usr/bin/env bash
# API Gateway invoke path: HTTP_PROXY through Haneul vs nginx proxy_pass to the same backend (an nginx
# server block answering a constant) vs the backend hit directly, at 64 connections, interleaved per
# round; plus a MOCK method with request and response mapping templates, the proxy behind an API key
# in a usage plan (the key lookup and throttle cost), and an HTTP API (v2) route with an HTTP_PROXY
# integration to the same backend. Prints one RESULT line per run and a summary of the medians over the
# rounds (requests/s, p50, p99; Haneul as a ratio of nginx, the p99 Haneul adds over the backend, MOCK
# and the keyed proxy as ratios of the plain proxy, the HTTP API as a ratio of nginx).
# Each run also takes the CPU time (utime + stime from /proc) that the process under test spent, per
# request: Haneul's for its targets, nginx's workers' for the backend and nginx (the same workers
# answer both, so the proxy's own share is the nginx run's less the backend run's), and wrk's. On a
# shared, noisy machine CPU per request is the figure that holds; rates and p99s are the load's.
# BEFORE_JAR=path/to/haneul-server.jar (another build's, e.g. main's packaged in a git worktree) runs
# that build beside this one on port 14567 with the same API, its targets prefixed "before-", in the
# same rounds, so that before and after are measured under the same load.
#   bench/apigateway/run.sh [rounds=3] [seconds=10] [warm-up seconds=5]
# Needs wrk, nginx (Debian's; installed with apt when run as root, else the command is printed) and
# python3 with boto3 (the API is created through the API like any client would).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS=${1:-3}; SECS=${2:-10}; WARM=${3:-5}; CONNS=64
OUT=${TMPDIR:-/tmp}/haneul-bench-apigateway; rm -rf "$OUT"; mkdir -p "$OUT"
PY=${PYTHON:-}
for p in python3.11 /root/.pyenv/shims/python3.11 python3; do  # the first Python that has boto3
  [[ -z "$PY" ]] && command -v "$p" >/dev/null && "$p" -c 'import boto3' 2>/dev/null && PY=$(command -v "$p")
done
[[ -n "$PY" ]] || { echo "needs python3 with boto3 (pip install boto3)" >&2; exit 1; }
need() {  # need COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  if [[ $(id -u) == 0 ]]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else echo "missing $1: run  sudo apt-get install -y $2" >&2; exit 1; fi
}
need wrk wrk
PATH=$PATH:/usr/sbin need nginx nginx-light
NGINX=$(PATH=$PATH:/usr/sbin command -v nginx)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
# never `mvn install` here: a reactor package leaves ~/.m2 alone
[[ -f server/target/haneul-server.jar ]] || mvn -q -B -o -DskipTests package -pl server -am
wait_up() { for _ in $(seq 1 500); do curl -s -o /dev/null "$1" && return 0; sleep 0.02; done; return 1; }

# backend on 18080 (a constant, 139 bytes like the foundation ceiling), nginx's proxy to it on 18081
mkdir -p "$OUT/nginx"
cat > "$OUT/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx/body; proxy_temp_path $OUT/nginx/proxy;
  fastcgi_temp_path $OUT/nginx/fcgi; uwsgi_temp_path $OUT/nginx/uwsgi; scgi_temp_path $OUT/nginx/scgi;
  upstream backend { server 127.0.0.1:18080; keepalive 64; }
  server { listen 127.0.0.1:18080; location / { default_type application/json;
    return 200 '{"backend":"constant","padding":"0123456789012345678901234567890123456789012345678901234567890123456789012345678"}'; } }
  server { listen 127.0.0.1:18081; location / { proxy_pass http://backend; proxy_http_version 1.1;
    proxy_set_header Connection ""; } }
}
CONF
"$NGINX" -c "$OUT/nginx/nginx.conf" -e "$OUT/nginx/error.log"
start_haneul() {  # JAR PORT NAME: starts a server, prints its pid
  $JAVA -XX:+UseSerialGC -Xms64m -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$1" \
    --port "$2" --data-dir "$OUT/data-$3" --log-level warn > "$OUT/haneul-$3.log" 2>&1 & echo $!
}
HP=$(start_haneul server/target/haneul-server.jar 14566 after); BP=
[[ -n "${BEFORE_JAR:-}" ]] && BP=$(start_haneul "$BEFORE_JAR" 14567 before)
trap 'kill $HP $BP 2>/dev/null || true; kill "$(cat "$OUT/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
wait_up http://127.0.0.1:18080/; wait_up http://127.0.0.1:18081/
declare -A URL PID  # target -> URL, and the pid whose CPU is the target's own
URL[backend]=http://127.0.0.1:18080/; URL[nginx]=http://127.0.0.1:18081/
setup_apis() {  # PORT PREFIX PID: the REST and HTTP APIs on one server, and its targets
  local base=http://127.0.0.1:$1 api key http
  wait_up "$base/_haneul/health"
  read -r api key < <("$PY" bench/apigateway/setup.py "$base" http://127.0.0.1:18080/)
  http=$("$PY" bench/apigateway/setup_http.py "$base" http://127.0.0.1:18080/)
  URL[$2-proxy]=$base/_aws/execute-api/$api/bench/proxy; URL[$2-mock]=$base/_aws/execute-api/$api/bench/mock
  URL[$2-keyed]=$base/_aws/execute-api/$api/bench/keyed; URL[$2-http-api]=$base/_aws/execute-api/$http/proxy
  for t in proxy mock keyed http-api; do PID[$2-$t]=$3; done
  curl -sf "${URL[$2-proxy]}" >/dev/null && curl -sf "${URL[$2-mock]}" >/dev/null && curl -sf "${URL[$2-http-api]}" >/dev/null
  curl -sf -H "x-api-key: $key" "${URL[$2-keyed]}" >/dev/null
  [[ $(curl -s -o /dev/null -w '%{http_code}' "${URL[$2-keyed]}") == 403 ]] || { echo "/keyed answered without its key" >&2; exit 1; }
  echo "$key" > "$OUT/key-$2"
}
setup_apis 14566 haneul "$HP"
TARGETS="backend nginx haneul-proxy haneul-mock haneul-keyed haneul-http-api"
if [[ -n "$BP" ]]; then
  setup_apis 14567 before "$BP"
  TARGETS="$TARGETS before-proxy before-mock before-keyed before-http-api"
fi
key_of() { case $1 in before-*) cat "$OUT/key-before" ;; *) cat "$OUT/key-haneul" ;; esac; }
echo "== warm-up"
for t in $TARGETS; do
  [[ $t == backend ]] || wrk -t2 -c$CONNS -d"${WARM}"s -H "x-api-key: $(key_of "$t")" "${URL[$t]}" >/dev/null
done
ticks() {  # PID...: their utime + stime, in clock ticks
  local sum=0 p
  for p in "$@"; do sum=$((sum + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'))); done
  echo "$sum"
}
nginx_workers() { pgrep -P "$(cat "$OUT/nginx/nginx.pid")" | tr '\n' ' '; }
HZ=$(getconf CLK_TCK)
wrk_result() {  # ROUND TARGET: one wrk run and its RESULT line (the API key header goes to every target)
  local res own0 own1 ng0 ng1 n workers t=$2 ownpids
  workers=$(nginx_workers)
  ownpids=${PID[$t]:-$workers}
  own0=$(ticks $ownpids); ng0=$(ticks $workers)
  { time wrk -t2 -c"$CONNS" -d"${SECS}"s --latency -H "x-api-key: $(key_of "$t")" "${URL[$t]}" > "$OUT/wrk.out"; } 2> "$OUT/wrk.time"
  own1=$(ticks $ownpids); ng1=$(ticks $workers)
  res=$(cat "$OUT/wrk.out")
  n=$(echo "$res" | awk '/requests in/ {print $1}')
  echo "RESULT round=$1 target=$t rps=$(echo "$res" | awk '/Requests\/sec/ {print $2}')" \
    "p50=$(echo "$res" | awk '$1=="50%" {print $2}') p99=$(echo "$res" | awk '$1=="99%" {print $2}')" \
    "non2xx=$(echo "$res" | awk '/Non-2xx/ {print $4}' | grep . || echo 0) requests=$n" \
    "cpu_us_own=$(awk -v a="$own0" -v b="$own1" -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) * 1e6 / hz / n}')" \
    "cpu_us_nginx=$(awk -v a="$ng0" -v b="$ng1" -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) * 1e6 / hz / n}')" \
    "cpu_us_wrk=$(awk -v n="$n" '{printf "%.1f", ($1 + $2) * 1e6 / n}' "$OUT/wrk.time")" \
    "load=$(cut -d' ' -f1 /proc/loadavg)"
}
TIMEFORMAT='%3U %3S'
for r in $(seq 1 "$ROUNDS"); do
  for target in $TARGETS; do
    wrk_result "$r" "$target" | tee -a "$OUT/results.txt"
  done
done
echo "loaded_rss_kb haneul $(awk '/VmRSS/ {print $2}' /proc/$HP/status)"
"$PY" - "$OUT/results.txt" <<'SUMMARY'
import re, statistics, sys
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); x = float(m.group(1))
    return x / 1000 if m.group(2) == "us" else x * 1000 if m.group(2) == "s" else x
runs = {}
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    runs.setdefault(f["target"], []).append((float(f["rps"]), ms(f["p50"]), ms(f["p99"]), float(f["cpu_us_own"]),
                                             float(f["cpu_us_nginx"]), float(f["cpu_us_wrk"]), int(f["non2xx"])))
med = {t: tuple(statistics.median(x[i] for x in v) for i in range(6)) for t, v in runs.items()}
print("| target | req/s (median) | p50 ms | p99 ms | own CPU µs/req | nginx workers µs/req | wrk µs/req | non-2xx |")
print("|---|---|---|---|---|---|---|---|")
for t, (rps, p50, p99, own, ng, wrk) in med.items():
    print(f"| {t} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {own:.1f} | {ng:.1f} | {wrk:.1f} | {sum(x[6] for x in runs[t])} |")
b, n = med["backend"], med["nginx"]
proxy_cpu = n[3] - b[3]  # the nginx workers answer the backend in the nginx run too
# CPU-bound, 0.80 of nginx's rate means the whole request (wrk, backend, proxy) may cost 1.25x nginx's:
budget = 1.25 * proxy_cpu + 0.25 * (b[3] + b[5])
print(f"nginx proxy_pass own CPU: {proxy_cpu:.1f} µs/req (nginx run {n[3]:.1f} less backend {b[3]:.1f}); "
      f"CPU budget for 0.80 of nginx: {budget:.1f} µs/req (1.25 x proxy + 0.25 x (backend + wrk))")
for prefix in ("haneul", "before"):
    if prefix + "-proxy" not in med:
        continue
    h, m, k, v = (med[prefix + s] for s in ("-proxy", "-mock", "-keyed", "-http-api"))
    print(f"[{prefix}] REST proxy / nginx throughput: {h[0] / n[0]:.2f} (goal >= 0.80); CPU {h[3]:.1f} µs/req "
          f"= {h[3] / proxy_cpu:.2f} x nginx's proxy (budget {budget:.1f})")
    print(f"[{prefix}] p99 added over the backend: {h[2] - b[2]:.2f} ms, nginx {n[2] - b[2]:.2f} ms (goal <= 2 ms)")
    print(f"[{prefix}] mock / proxy throughput: {m[0] / h[0]:.2f} (CPU {m[3]:.1f} µs/req); "
          f"keyed / proxy: {k[0] / h[0]:.2f} (CPU {k[3]:.1f} µs/req)")
    print(f"[{prefix}] HTTP API / nginx throughput: {v[0] / n[0]:.2f} (goal >= 0.80); CPU {v[3]:.1f} µs/req; "
          f"p99 added over the backend: {v[2] - b[2]:.2f} ms (goal <= 2 ms)")
SUMMARY
