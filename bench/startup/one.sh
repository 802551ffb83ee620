#!/usr/bin/env bash
# One start of a built server, the JVM alone: bench/startup/one.sh JAR DATA_DIR [jvm options...]
# prints wall ms to the first answered /_haneul/health, the server's CPU (utime+stime) then and IDLE=3 s
# later, and RSS at that point (NMT=1 / HISTO=1: a native-memory summary / class histogram into /tmp). Port 14600.
JAR=$1; DATA=$2; shift 2
PORT=14600
ms() { echo $(( $(date +%s%N) / 1000000 )); }
s=$(ms)
"${JAVA:-java}" "$@" -jar "$JAR" --port $PORT --data-dir "$DATA" --log-level ${LOGLEVEL:-warn} > /tmp/st-last.log 2>&1 &
P=$!
until curl -s -o /dev/null http://127.0.0.1:$PORT/_haneul/health; do kill -0 $P 2>/dev/null || { echo died; cat /tmp/st-last.log; exit 1; }; sleep 0.005; done
e=$(ms)
cpu=$(awk '{print ($14 + $15) * 10}' /proc/$P/stat)
sleep ${IDLE:-3}
rss=$(awk '/VmRSS/ {print $2}' /proc/$P/status)
cpu2=$(awk '{print ($14 + $15) * 10}' /proc/$P/stat)
[[ -n "${NMT:-}" ]] && jcmd $P VM.native_memory summary > /tmp/st-nmt.txt 2>&1
[[ -n "${HISTO:-}" ]] && jcmd $P GC.class_histogram > /tmp/st-histo.txt 2>&1
kill $P; wait $P 2>/dev/null
echo "ms=$((e-s)) cpu_ready=$cpu cpu_3s=$cpu2 rss_kib=$rss"
