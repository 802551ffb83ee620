#!/usr/bin/env bash
# AppStream 2.0 streaming: time from asking for a streaming URL to the first frame on the WebSocket
# (xclock in a new session: Xvnc, the window manager and the app started, RFB spoken as noVNC does),
# and the resident memory of an idle session's processes.
#   bench/appstream/run.sh [runs=5]
# Needs Xvnc and xclock (./haneul installs them as root) and a JDK; run as root for pool users.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS=${1:-5}
OUT=${TMPDIR:-/tmp}/haneul-bench-appstream; rm -rf "$OUT"; mkdir -p "$OUT"
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
# never `mvn install` here: a reactor package leaves ~/.m2 alone
[[ -f server/target/haneul-server.jar ]] || mvn -q -B -o -DskipTests package -pl server -am
wait_up() { for _ in $(seq 1 500); do curl -s -o /dev/null "$1" && return 0; sleep 0.02; done; return 1; }
$JAVA -XX:+UseSerialGC -Xms64m -Xmx512m --enable-native-access=ALL-UNNAMED -jar server/target/haneul-server.jar \
  --port 14568 --data-dir "$OUT/data" --log-level warn > "$OUT/haneul.log" 2>&1 & HP=$!
trap 'kill $HP 2>/dev/null || true' EXIT
wait_up http://127.0.0.1:14568/_haneul/health
$JAVA bench/appstream/FirstFrame.java http://127.0.0.1:14568 "$RUNS"
