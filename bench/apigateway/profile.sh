#!/usr/bin/env bash
# Where Haneul's CPU goes on one API Gateway invoke target: the server runs with a JFR recording
# (execution samples every millisecond, with -XX:+DebugNonSafepoints so that inlined frames are
# named), wrk drives the target at 64 connections, and the recording is summarised as the hottest
# methods by self time and by inclusive time (stack samples that have the method anywhere).
#   bench/apigateway/profile.sh [proxy|keyed|mock|http-api] [seconds=15]
# Leaves the recording at $OUT/haneul.jfr (open it with JDK Mission Control or `jfr view`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET=${1:-proxy}; SECS=${2:-15}; CONNS=64
OUT=${TMPDIR:-/tmp}/haneul-profile-apigateway; rm -rf "$OUT"; mkdir -p "$OUT/nginx"
PY=${PYTHON:-}
for p in python3.11 /root/.pyenv/shims/python3.11 python3; do
  [[ -z "$PY" ]] && command -v "$p" >/dev/null && "$p" -c 'import boto3' 2>/dev/null && PY=$(command -v "$p")
done
NGINX=$(PATH=$PATH:/usr/sbin command -v nginx)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$ROOT"
[[ -f server/target/haneul-server.jar ]] || mvn -q -B -o -DskipTests package -pl server -am
wait_up() { for _ in $(seq 1 500); do curl -s -o /dev/null "$1" && return 0; sleep 0.02; done; return 1; }
cat > "$OUT/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx/body; proxy_temp_path $OUT/nginx/proxy;
  fastcgi_temp_path $OUT/nginx/fcgi; uwsgi_temp_path $OUT/nginx/uwsgi; scgi_temp_path $OUT/nginx/scgi;
  server { listen 127.0.0.1:18090; location / { default_type application/json;
    return 200 '{"backend":"constant","padding":"0123456789012345678901234567890123456789012345678901234567890123456789012345678"}'; } }
}
CONF
"$NGINX" -c "$OUT/nginx/nginx.conf" -e "$OUT/nginx/error.log"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms64m -Xmx512m --enable-native-access=ALL-UNNAMED \
  -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  "-XX:StartFlightRecording=filename=$OUT/haneul.jfr,settings=profile,jdk.ExecutionSample#period=1ms" \
  -jar server/target/haneul-server.jar --port 14576 --data-dir "$OUT/data" --log-level warn > "$OUT/haneul.log" 2>&1 & HP=$!
trap 'kill $HP 2>/dev/null || true; kill "$(cat "$OUT/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
wait_up http://127.0.0.1:18090/; wait_up http://127.0.0.1:14576/_haneul/health
read -r API KEY < <("$PY" bench/apigateway/setup.py http://127.0.0.1:14576 http://127.0.0.1:18090/)
case $TARGET in
  http-api) URL=http://127.0.0.1:14576/_aws/execute-api/$("$PY" bench/apigateway/setup_http.py http://127.0.0.1:14576 http://127.0.0.1:18090/)/proxy ;;
  *) URL=http://127.0.0.1:14576/_aws/execute-api/$API/bench/$TARGET ;;
esac
curl -sf -H "x-api-key: $KEY" "$URL" >/dev/null
wrk -t2 -c$CONNS -d5s -H "x-api-key: $KEY" "$URL" >/dev/null  # warm-up: compiled code, not the JIT, is profiled
"$JAVA_HOME/bin/jcmd" $HP JFR.stop >/dev/null 2>&1 || true
"$JAVA_HOME/bin/jcmd" $HP JFR.start name=run filename="$OUT/haneul.jfr" settings=profile "jdk.ExecutionSample#period=1ms" >/dev/null
wrk -t2 -c$CONNS -d"${SECS}"s -H "x-api-key: $KEY" "$URL" | grep -E 'Requests/sec|requests in'
"$JAVA_HOME/bin/jcmd" $HP JFR.stop name=run >/dev/null
"$JAVA_HOME/bin/jfr" view --width 160 allocation-by-site "$OUT/haneul.jfr" | head -40 || true
"$JAVA_HOME/bin/jfr" view --width 160 gc-pauses "$OUT/haneul.jfr" | head -20 || true
"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 96 "$OUT/haneul.jfr" > "$OUT/samples.txt"
"$PY" - "$OUT/samples.txt" <<'SUMMARY'
import collections, re, sys
selfc, incl, n = collections.Counter(), collections.Counter(), 0
stack = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None:
        if line.startswith("]") or line == "...":
            if line.startswith("]"):
                if stack:
                    n += 1
                    selfc[stack[0]] += 1
                    for m in set(stack):
                        incl[m] += 1
                stack = None
        else:
            stack.append(re.sub(r"\s+line:.*$", "", line))
print(f"{n} samples")
print("== self")
for m, c in selfc.most_common(40):
    print(f"{100.0 * c / n:5.1f}%  {m}")
print("== inclusive")
for m, c in incl.most_common(80):
    print(f"{100.0 * c / n:5.1f}%  {m}")
SUMMARY
