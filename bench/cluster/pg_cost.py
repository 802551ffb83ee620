#!/usr/bin/env python3.11
"""PostgreSQL cost per SQS message through one Haneul node: CPU of every PostgreSQL process (from
/proc, so it needs no extension), WAL bytes, commits and sqs_messages tuple counts per message sent
and per message received+deleted; then the CPU time of one ANALYZE of a large sqs_messages with the
statistics settings of migration 20 and without them. Numbers are indicative when the machine is shared.

    pg_cost.py ENDPOINT STORAGE_URL POSTMASTER_PID HANEUL_PID [messages=5000] [threads=8]
"""
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

endpoint, storage, postmaster, haneul = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
N = int(sys.argv[5]) if len(sys.argv) > 5 else 5000
THREADS = int(sys.argv[6]) if len(sys.argv) > 6 else 8
TICK_US = 1_000_000 / os.sysconf("SC_CLK_TCK")


def psql(sql):
    return subprocess.run(["psql", storage, "-Atqc", sql], check=True, capture_output=True, text=True).stdout.strip()


def cpu_us(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) * TICK_US  # utime, stime
        except FileNotFoundError:
            pass  # a backend that ended: its CPU is lost to the sample (short-lived ones are few)
    return total


def postgres_pids():
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster] + [int(p) for p in children]


def snapshot():
    wal, commits = psql("SELECT (SELECT wal_bytes FROM pg_stat_wal), (SELECT xact_commit FROM pg_stat_database "
                        "WHERE datname = current_database())").split("|")
    tuples = psql("SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables WHERE relname = 'sqs_messages'")
    return {"pg_us": cpu_us(postgres_pids()), "haneul_us": cpu_us([haneul]), "wal": int(float(wal)), "commits": int(commits),
            "tuples": [int(x) for x in tuples.split("|")] if tuples else [0, 0, 0, 0], "t": time.monotonic()}


def report(name, before, after, n):
    time.sleep(0.6)  # pg_stat counters are flushed by backends at most every 0.5 s (PG 15)
    after = {**after, **{k: v for k, v in snapshot().items() if k in ("wal", "commits", "tuples")}}
    d = lambda k: after[k] - before[k]
    ins, upd, hot, dele = (a - b for a, b in zip(after["tuples"], before["tuples"]))
    print(f"| {name} | {n} | {n / d('t'):.0f} | {d('pg_us') / n:.1f} | {d('haneul_us') / n:.1f} | {d('wal') / n:.0f} "
          f"| {d('commits') / n:.2f} | {ins}/{upd}/{hot}/{dele} |")


sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="000000000000",
                   aws_secret_access_key="x", config=Config(max_pool_connections=THREADS * 2, retries={"max_attempts": 10}))
url = sqs.create_queue(QueueName=f"pgcost-{int(time.time())}")["QueueUrl"]
body = "x" * 256
print("| phase | messages | msg/s | PostgreSQL CPU µs/msg | Haneul CPU µs/msg | WAL bytes/msg | commits/msg | sqs_messages ins/upd/hot/del |")
print("|---|---|---|---|---|---|---|---|")

before = snapshot()
with ThreadPoolExecutor(THREADS) as pool:
    list(pool.map(lambda i: sqs.send_message(QueueUrl=url, MessageBody=body), range(N)))
report("send (1 per call)", before, snapshot(), N)

received = 0
lock = threading.Lock()


def consume(_):
    global received
    while True:
        with lock:
            if received >= N:
                return
        msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        if msgs:
            sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                                                            for i, m in enumerate(msgs)])
            with lock:
                received += len(msgs)


before = snapshot()
with ThreadPoolExecutor(THREADS) as pool:
    list(pool.map(consume, range(THREADS)))
report("receive 10 + delete batch", before, snapshot(), received)

before = snapshot()
with ThreadPoolExecutor(THREADS) as pool:
    list(pool.map(lambda i: sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(j), "MessageBody": body} for j in range(10)]),
                  range(N // 10)))
report("send (batch of 10)", before, snapshot(), N // 10 * 10)
received = 0
N = N // 10 * 10
before = snapshot()
with ThreadPoolExecutor(THREADS) as pool:
    list(pool.map(consume, range(THREADS)))
report("receive 10 + delete batch", before, snapshot(), received)

# ANALYZE of a large sqs_messages: what made PostgreSQL use 1.7 cores in the run
qid = psql(f"SELECT id FROM sqs_queues WHERE name = '{url.rsplit('/', 1)[1]}'")
psql(f"INSERT INTO sqs_messages (queue_id, message_id, body, md5_body, sent_at, visible_at, retention_base, attributes, sender_id) "
     f"SELECT {qid}, md5(g::text), repeat(md5(g::text), 8), md5(g::text), 0, 9e15, 9e15, '{{\"a\":\"' || g || '\"}}', "
     f"'000000000000' FROM generate_series(1, 166000) g")
wide = ["body", "attributes", "md5_body", "md5_attributes", "md5_system", "message_id", "sender_id", "source_arn", "dedup_id",
        "sequence_number"]


def analyze_ms(stats):
    psql("ALTER TABLE sqs_messages " + ", ".join(f"ALTER COLUMN {c} SET STATISTICS {stats}" for c in wide))
    best = None
    for _ in range(3):
        out = subprocess.run(["psql", storage, "-Atqc", "EXPLAIN (ANALYZE, TIMING OFF) SELECT 1", "-c", "\\timing on",
                              "-c", "ANALYZE sqs_messages"], capture_output=True, text=True).stdout
        ms = float([l for l in out.splitlines() if l.startswith("Time:")][-1].split()[1])
        best = ms if best is None else min(best, ms)
    return best


default_ms = analyze_ms(-1)
tuned_ms = analyze_ms(0)
print(f"\nANALYZE sqs_messages with 166,000 rows: {default_ms:.0f} ms with default statistics, {tuned_ms:.0f} ms with "
      f"the wide columns' statistics off (migration 20); best of 3 each")
psql(f"DELETE FROM sqs_messages WHERE queue_id = {qid}")
