#!/usr/bin/env python3.11
"""PostgreSQL cost per SQS message through one Haneul node, per operation: CPU of every PostgreSQL
process (from /proc, ended backends and autovacuum workers included through the postmaster's
children times), WAL bytes, commits, statements and round trips (pg_stat_statements) and
sqs_messages tuple counts per message; the Haneul node's CPU per message alongside. With --analyze,
the CPU time of one ANALYZE of a large sqs_messages with the statistics settings of migration 20 and
without them. Numbers are indicative when the machine is shared.

    pg_cost.py ENDPOINT STORAGE_URL POSTMASTER_PID HANEUL_PID [messages=5000] [threads=8]
    pg_cost.py --analyze STORAGE_URL
"""
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

TICK_US = 1_000_000 / os.sysconf("SC_CLK_TCK")
# statements of this script's own psql sessions, left out of the statement counts
OWN = ("pg_stat", "pg_current_wal", "sqs_queues WHERE name", "SHOW ", "ALTER TABLE", "ANALYZE", "EXPLAIN", "SET STATISTICS")


def psql(sql):
    return subprocess.run(["psql", storage, "-Atqc", sql], check=True, capture_output=True, text=True).stdout.strip()


def cpu_us(pids, children_of=None):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) * TICK_US  # utime, stime
            if pid == children_of:
                total += (int(fields[13]) + int(fields[14])) * TICK_US  # cutime, cstime: children that ended
        except FileNotFoundError:
            pass
    return total


def postgres_pids():
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster] + [int(p) for p in children]


def snapshot():
    return {"pg_us": cpu_us(postgres_pids(), postmaster), "haneul_us": cpu_us([haneul]), "t": time.monotonic()}


def counters():
    """WAL bytes, commits, sqs_messages tuple counts, and statements by text since the last reset."""
    time.sleep(0.6)  # backends flush their statistics at most every 0.5 s
    out = psql("SELECT (SELECT wal_bytes FROM pg_stat_wal) || '|' || (SELECT xact_commit FROM pg_stat_database "
               "WHERE datname = current_database()) || '|' || (SELECT concat_ws('|', n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del) "
               "FROM pg_stat_user_tables WHERE relname = 'sqs_messages')")
    f = out.split("|")
    stmts, plans = {}, {}
    for line in psql("SELECT calls, plans, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements").splitlines():
        calls, planned, query = line.split("|", 2)
        if not any(o in query for o in OWN):
            stmts[query] = stmts.get(query, 0) + int(calls)
            plans[query] = plans.get(query, 0) + int(planned)
    return {"wal": int(float(f[0])), "commits": int(f[1]), "tuples": [int(x) for x in f[2:6]] if len(f) >= 6 else [0, 0, 0, 0],
            "stmts": stmts, "plans": plans}


def measure(name, n_of, work):
    """Runs work() between two snapshots; n_of(result) is the number of messages it handled."""
    base = counters()
    psql("SELECT pg_stat_statements_reset()")
    before = snapshot()
    result = work()
    after = snapshot()
    end = counters()
    n = n_of(result)
    d = lambda k: after[k] - before[k]
    ins, upd, hot, dele = (a - b for a, b in zip(end["tuples"], base["tuples"]))
    stmts = end["stmts"]
    begins = sum(c for q, c in stmts.items() if q.strip().upper() == "BEGIN")
    # every BEGIN rides with its transaction's first statement and ends in a COMMIT of its own round
    # trip (pg_stat_statements does not list the driver's COMMIT): statements count both, round trips
    # the COMMIT only; an auto-commit statement is one of each
    others = sum(c for q, c in stmts.items() if q.strip().upper() not in ("BEGIN", "COMMIT"))
    calls, trips = others + 2 * begins, others + begins
    rows.append(f"| {name} | {n} | {n / d('t'):.0f} | {d('pg_us') / n:.1f} | {d('haneul_us') / n:.1f} | "
                f"{(end['wal'] - base['wal']) / n:.0f} | {(end['commits'] - base['commits']) / n:.2f} | {calls / n:.2f} | "
                f"{trips / n:.2f} | {ins}/{upd}/{hot}/{dele} |")
    top = sorted(stmts.items(), key=lambda kv: -kv[1])[:6]
    details.append(f"- {name}: " + "; ".join(f"{c / n:.2f}× (planned {end['plans'][q] / n:.2f}×) `{q[:60]}`" for q, c in top))
    return result


def analyze(storage_url):
    """ANALYZE of a large sqs_messages, with and without the wide columns' statistics (migration 20)."""
    qid = psql("INSERT INTO sqs_queues (account, region, name, fifo, attributes, tags, created_at, modified_at) "
               "VALUES ('000000000000', 'us-east-1', 'pgcost-analyze-' || txid_current(), 0, '{}', '{}', 0, 0) RETURNING id")
    psql(f"INSERT INTO sqs_messages (queue_id, message_id, body, md5_body, sent_at, visible_at, retention_base, attributes, sender_id) "
         f"SELECT {qid}, md5(g::text), repeat(md5(g::text), 8), md5(g::text), 0, 9e15, 9e15, '{{\"a\":\"' || g || '\"}}', "
         f"'000000000000' FROM generate_series(1, 166000) g")
    wide = ["body", "attributes", "md5_body", "md5_attributes", "md5_system", "message_id", "sender_id", "source_arn", "dedup_id",
            "sequence_number"]

    def analyze_ms(stats):
        psql("ALTER TABLE sqs_messages " + ", ".join(f"ALTER COLUMN {c} SET STATISTICS {stats}" for c in wide))
        best = None
        for _ in range(3):
            out = subprocess.run(["psql", storage_url, "-Atqc", "EXPLAIN (ANALYZE, TIMING OFF) SELECT 1", "-c", "\\timing on",
                                  "-c", "ANALYZE sqs_messages"], capture_output=True, text=True).stdout
            ms = float([line for line in out.splitlines() if line.startswith("Time:")][-1].split()[1])
            best = ms if best is None else min(best, ms)
        return best

    default_ms = analyze_ms(-1)
    tuned_ms = analyze_ms(0)
    print(f"\nANALYZE sqs_messages with 166,000 rows: {default_ms:.0f} ms with default statistics, {tuned_ms:.0f} ms with "
          f"the wide columns' statistics off (migration 20); best of 3 each")
    psql(f"DELETE FROM sqs_messages WHERE queue_id = {qid}")
    psql(f"DELETE FROM sqs_queues WHERE id = {qid}")


if sys.argv[1] == "--analyze":
    storage = sys.argv[2]
    analyze(storage)
    sys.exit(0)

import boto3  # noqa: E402 (only the load needs it)
from botocore.config import Config  # noqa: E402

endpoint, storage, postmaster, haneul = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
N = (int(sys.argv[5]) if len(sys.argv) > 5 else 5000) // 20 * 20
THREADS = int(sys.argv[6]) if len(sys.argv) > 6 else 8
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="000000000000",
                   aws_secret_access_key="x", config=Config(max_pool_connections=THREADS * 2, retries={"max_attempts": 10}))
body = "x" * 256
rows, details = [], []
pool = ThreadPoolExecutor(THREADS)


def new_queue(tag):
    return sqs.create_queue(QueueName=f"pgcost-{tag}-{int(time.time() * 1000)}")["QueueUrl"]


def receive_all(url, n, then_delete):
    """Receives n messages with receives of 10 from THREADS consumers; deletes each page in a batch if asked."""
    handles, lock = [], threading.Lock()

    def consume(_):
        while True:
            with lock:
                if len(handles) >= n:
                    return
            msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                       VisibilityTimeout=600).get("Messages", [])
            if msgs and then_delete:
                sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                                                                for i, m in enumerate(msgs)])
            with lock:
                handles.extend(m["ReceiptHandle"] for m in msgs)

    list(pool.map(consume, range(THREADS)))
    return handles


def batches(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


# warm-up (not measured): the node's JIT and the pool's connections, each statement prepared
url = new_queue("warmup")
list(pool.map(lambda i: sqs.send_message(QueueUrl=url, MessageBody=body), range(1000)))
list(pool.map(lambda i: sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(j), "MessageBody": body} for j in range(10)]),
              range(100)))
warm = receive_all(url, 2000, False)
list(pool.map(lambda h: sqs.delete_message(QueueUrl=url, ReceiptHandle=h), warm[:500]))
list(pool.map(lambda b: sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": h} for i, h in enumerate(b)]),
              batches(warm[500:], 10)))
list(pool.map(lambda i: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0), range(200)))

# single calls: send, receive (10 per call, no delete), delete one by one and in batches of 10
url = new_queue("single")
measure("SendMessage (1 per call)", lambda r: N, lambda: list(pool.map(lambda i: sqs.send_message(QueueUrl=url, MessageBody=body), range(N))))
handles = measure("ReceiveMessage (10 per call)", len, lambda: receive_all(url, N, False))
half = len(handles) // 20 * 10
measure("DeleteMessage (1 per call)", lambda r: half,
        lambda: list(pool.map(lambda h: sqs.delete_message(QueueUrl=url, ReceiptHandle=h), handles[:half])))
rest = handles[half:]
measure("DeleteMessageBatch (10)", lambda r: len(rest), lambda: list(pool.map(
    lambda b: sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": h} for i, h in enumerate(b)]),
    batches(rest, 10))))
# batches end to end: SendMessageBatch, then consumers receiving 10 and deleting each page in a batch
url = new_queue("batch")
measure("SendMessageBatch (10)", lambda r: N, lambda: list(pool.map(
    lambda i: sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(j), "MessageBody": body} for j in range(10)]), range(N // 10))))
measure("ReceiveMessage (10) + DeleteMessageBatch", len, lambda: receive_all(url, N, True))
# receives that find nothing (a consumer polling an empty queue without waiting), per call
measure("ReceiveMessage, empty queue (per call)", lambda r: N // 5, lambda: list(pool.map(
    lambda i: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0), range(N // 5))))

print("| phase | messages | msg/s | PostgreSQL CPU µs/msg | Haneul CPU µs/msg | WAL bytes/msg | commits/msg | statements/msg "
      "| round trips/msg | sqs_messages ins/upd/hot/del |")
print("|---|---|---|---|---|---|---|---|---|---|")
print("\n".join(rows))
print("\nStatements per message (pg_stat_statements calls; BEGIN shares its statement's round trip):")
print("\n".join(details))
