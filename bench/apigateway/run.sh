#!/usr/bin/env bash
# API Gateway invoke path: HTTP_PROXY through Haneul vs nginx proxy_pass to the same backend (an nginx
# server block answering a constant) vs the backend hit directly, at 64 connections, interleaved per
# round; plus a MOCK method with request and response mapping templates, the proxy behind an API key
# in a usage plan (the key lookup and throttle cost), and an HTTP API (v2) route with an HTTP_PROXY
# integration to the same backend. Prints one RESULT line per run and a summary of the medians over the
# rounds (requests/s, p50, p99; Haneul as a ratio of nginx, the p99 Haneul adds over the backend, MOCK
# and the keyed proxy as ratios of the plain proxy, the HTTP API as a ratio of nginx).
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
$JAVA -XX:+UseSerialGC -Xms64m -Xmx512m --enable-native-access=ALL-UNNAMED -jar server/target/haneul-server.jar \
  --port 14566 --data-dir "$OUT/data" --log-level warn > "$OUT/haneul.log" 2>&1 & HP=$!
trap 'kill $HP 2>/dev/null || true; kill "$(cat "$OUT/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
wait_up http://127.0.0.1:18080/; wait_up http://127.0.0.1:18081/; wait_up http://127.0.0.1:14566/_haneul/health
read -r API KEY < <("$PY" bench/apigateway/setup.py http://127.0.0.1:14566 http://127.0.0.1:18080/)
HANEUL=http://127.0.0.1:14566/_aws/execute-api/$API/bench
HTTP_API=http://127.0.0.1:14566/_aws/execute-api/$("$PY" bench/apigateway/setup_http.py http://127.0.0.1:14566 http://127.0.0.1:18080/)
curl -sf "$HANEUL/proxy" >/dev/null && curl -sf "$HANEUL/mock" >/dev/null && curl -sf "$HTTP_API/proxy" >/dev/null
curl -sf -H "x-api-key: $KEY" "$HANEUL/keyed" >/dev/null
[[ $(curl -s -o /dev/null -w '%{http_code}' "$HANEUL/keyed") == 403 ]] || { echo "/keyed answered without its key" >&2; exit 1; }
echo "== warm-up"
for url in "$HANEUL/proxy" "$HANEUL/mock" "$HANEUL/keyed" "$HTTP_API/proxy" http://127.0.0.1:18081/; do
  wrk -t2 -c$CONNS -d"${WARM}"s -H "x-api-key: $KEY" "$url" >/dev/null
done
wrk_result() {  # ROUND TARGET URL: one wrk run and its RESULT line (the API key header goes to every target)
  local res
  res=$(wrk -t2 -c"$CONNS" -d"${SECS}"s --latency -H "x-api-key: $KEY" "$3")
  echo "RESULT round=$1 target=$2 rps=$(echo "$res" | awk '/Requests\/sec/ {print $2}')" \
    "p50=$(echo "$res" | awk '$1=="50%" {print $2}') p99=$(echo "$res" | awk '$1=="99%" {print $2}')" \
    "non2xx=$(echo "$res" | awk '/Non-2xx/ {print $4}' | grep . || echo 0)"
}
for r in $(seq 1 "$ROUNDS"); do
  for target in backend nginx haneul-proxy haneul-mock haneul-keyed haneul-http-api; do
    case $target in
      backend) url=http://127.0.0.1:18080/ ;;
      nginx) url=http://127.0.0.1:18081/ ;;
      haneul-proxy) url=$HANEUL/proxy ;;
      haneul-mock) url=$HANEUL/mock ;;
      haneul-keyed) url=$HANEUL/keyed ;;
      haneul-http-api) url=$HTTP_API/proxy ;;
    esac
    wrk_result "$r" "$target" "$url" | tee -a "$OUT/results.txt"
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
    runs.setdefault(f["target"], []).append((float(f["rps"]), ms(f["p50"]), ms(f["p99"]), int(f["non2xx"])))
med = {t: tuple(statistics.median(x[i] for x in v) for i in range(3)) for t, v in runs.items()}
print("| target | req/s (median) | p50 ms | p99 ms | non-2xx |")
print("|---|---|---|---|---|")
for t, (rps, p50, p99) in med.items():
    print(f"| {t} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {sum(x[3] for x in runs[t])} |")
b, n, h, m, k = med["backend"], med["nginx"], med["haneul-proxy"], med["haneul-mock"], med["haneul-keyed"]
print(f"haneul-proxy / nginx throughput: {h[0] / n[0]:.2f}  (goal >= 0.80)")
print(f"p99 added over the backend: haneul {h[2] - b[2]:.2f} ms, nginx {n[2] - b[2]:.2f} ms  (goal: haneul <= 2 ms)")
print(f"haneul-mock / haneul-proxy throughput: {m[0] / h[0]:.2f}")
print(f"haneul-keyed / haneul-proxy throughput: {k[0] / h[0]:.2f}  (API key + usage plan)")
v = med["haneul-http-api"]
print(f"haneul-http-api / nginx throughput: {v[0] / n[0]:.2f}  (goal >= 0.80); p99 added over the backend: {v[2] - b[2]:.2f} ms  (goal <= 2 ms)")
SUMMARY
