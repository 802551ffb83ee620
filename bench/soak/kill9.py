#!/usr/bin/env python3
"""Kill -9 soak: producers and consumers on SQS (standard and FIFO), SNS fan-out to SQS and HTTP, SES
sends and S3 PUTs and multipart uploads run while node 0 is killed with SIGKILL and restarted, cycle
after cycle, on the same data dir (or database). Then it proves, from what the clients were told:
every acknowledged message, delivery, mail and object is there; nothing is duplicated beyond what
at-least-once allows (standard queues and SNS may repeat; FIFO queues must not reorder a group); and
each restart answered within its normal start-up time. Prints one JSON report; exits 1 on any loss.

  kill9.py --cycles 100 [--nodes 2 --storage postgresql://...] [--server-cmd JSON] [--out DIR]

--server-cmd is a JSON list with {port}, {data} and {smtp} placeholders (default: ./haneul run).
Only node 0 is killed; with two nodes clients fall over to node 1 while node 0 is down.
"""
import argparse, hashlib, http.server, json, os, random, signal, statistics, subprocess, sys, threading, time
import urllib.request

import boto3
from botocore.config import Config

from soakutil import ROOT, free_port

ACCOUNT = "123456789012"
GROUPS = 4


class Node:
    """One Haneul process on a fixed port, restartable on the same data dir."""

    def __init__(self, index, args, storage_args):
        self.index, self.port = index, free_port()
        self.data = os.path.join(args.out, f"node{index}")
        self.cmd = [c.replace("{port}", str(self.port)).replace("{data}", self.data)
                    .replace("{smtp}", "-1" if index else "0") for c in args.server_cmd] + storage_args
        self.log = open(os.path.join(args.out, f"node{index}.log"), "ab")
        self.proc = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        started = time.monotonic()
        env = {k: v for k, v in os.environ.items() if not k.startswith("HANEUL_")}
        self.proc = subprocess.Popen(self.cmd, stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL, env=env)
        while True:
            try:
                urllib.request.urlopen(self.url + "/_haneul/health", timeout=1).read()
                return (time.monotonic() - started) * 1000
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"node {self.index} exited with {self.proc.returncode}; see {self.log.name}")
                if time.monotonic() - started > 120:
                    raise RuntimeError(f"node {self.index} did not answer within 120 s")
                time.sleep(0.02)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


class Clients:
    """boto3 clients per node and thread; a call goes to the first node that answers."""

    def __init__(self, nodes):
        self.nodes, self.local = nodes, threading.local()
        self.config = Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=10)

    def client(self, service, node):
        cache = self.local.__dict__.setdefault("clients", {})
        key = (service, node.index)
        if key not in cache:
            cache[key] = boto3.client(service, endpoint_url=node.url, region_name="us-east-1", aws_access_key_id=ACCOUNT,
                                      aws_secret_access_key="secret", config=self.config)
        return cache[key]

    def call(self, service, op, **kw):
        """The first node's answer; raises the last error when no node answers."""
        error = None
        for node in self.nodes:
            try:
                return getattr(self.client(service, node), op)(**kw)
            except Exception as e:  # a node down or killed mid-call: the call is not acknowledged
                error = e
        raise error


class Ledger:
    """What the clients were told (acknowledged) and what they saw delivered."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked = {k: set() for k in ("std", "fifo", "sns_sqs", "sns_http", "ses", "s3")}
        self.seen = {k: {} for k in ("std", "fifo", "sns_sqs", "sns_http")}
        self.fifo_last = {}
        self.fifo_violations = []
        self.s3_md5 = {}
        self.errors = {}

    def ack(self, stream, item):
        with self.lock:
            self.acked[stream].add(item)

    def saw(self, stream, item):
        with self.lock:
            self.seen[stream][item] = self.seen[stream].get(item, 0) + 1

    def error(self, what, e):
        with self.lock:
            name = f"{what}: {type(e).__name__}"
            self.errors[name] = self.errors.get(name, 0) + 1


def setup(c, http_port):
    q = lambda name, **attrs: c.call("sqs", "create_queue", QueueName=name, Attributes=attrs)["QueueUrl"]
    std = q("soak-std", VisibilityTimeout="20")
    fifo = q("soak.fifo", FifoQueue="true", VisibilityTimeout="20")
    fan = q("soak-fanout", VisibilityTimeout="20")
    topic = c.call("sns", "create_topic", Name="soak-topic")["TopicArn"]
    fan_arn = c.call("sqs", "get_queue_attributes", QueueUrl=fan, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    c.call("sns", "subscribe", TopicArn=topic, Protocol="sqs", Endpoint=fan_arn, Attributes={"RawMessageDelivery": "true"})
    c.call("sns", "subscribe", TopicArn=topic, Protocol="http", Endpoint=f"http://127.0.0.1:{http_port}/hook")
    c.call("ses", "verify_email_identity", EmailAddress="soak@example.com")
    c.call("s3", "create_bucket", Bucket="soak-bucket")
    return std, fifo, fan, topic


def http_sink(ledger, port):
    """SNS's HTTP endpoint: confirms the subscription and records each notification's Message."""

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if body.get("Type") == "SubscriptionConfirmation":
                threading.Thread(target=lambda: urllib.request.urlopen(body["SubscribeURL"], timeout=10).read(), daemon=True).start()
            elif body.get("Type") == "Notification":
                ledger.saw("sns_http", body["Message"])
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wait_confirmed(c, topic, seconds=120):
    """Until the HTTP subscription has confirmed itself: SNS delivers nothing to a pending one (as AWS),
    so a publish before that is not a delivery the endpoint is owed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        subs = c.call("sns", "list_subscriptions_by_topic", TopicArn=topic)["Subscriptions"]
        if all(s["SubscriptionArn"] != "PendingConfirmation" for s in subs if s["Protocol"] == "http"):
            return
        time.sleep(0.2)
    raise RuntimeError("the HTTP subscription did not confirm itself")


def producer(pid, stop, c, ledger, std, fifo, topic):
    """Producer {pid}: names carry its id; only producer 0 sends to the FIFO queue (one sequence per group)."""
    n = 0
    seq = {g: 0 for g in range(GROUPS)}
    while not stop.is_set():
        n += 1
        step = n % 6
        if step == 1 and pid != 0:
            step = 0
        tag = f"{pid}-{n}"
        try:
            if step == 0:
                c.call("sqs", "send_message", QueueUrl=std, MessageBody=f"s-{tag}")
                ledger.ack("std", f"s-{tag}")
            elif step == 1:
                g = n % GROUPS
                body = f"{g}:{seq[g] + 1}"
                # the same deduplication id on a retry: a send whose answer was lost is not sent twice
                c.call("sqs", "send_message", QueueUrl=fifo, MessageBody=body, MessageGroupId=f"g{g}",
                       MessageDeduplicationId=f"g{g}-{seq[g] + 1}")
                seq[g] += 1
                ledger.ack("fifo", body)
            elif step == 2:
                c.call("sns", "publish", TopicArn=topic, Message=f"p-{tag}")
                ledger.ack("sns_sqs", f"p-{tag}")
                ledger.ack("sns_http", f"p-{tag}")
            elif step == 3:
                r = c.call("ses", "send_email", Source="soak@example.com", Destination={"ToAddresses": ["to@example.com"]},
                           Message={"Subject": {"Data": f"m-{tag}"}, "Body": {"Text": {"Data": "soak"}}})
                ledger.ack("ses", r["MessageId"])
            elif step == 4:
                data = os.urandom(random.randint(1, 64 * 1024))
                c.call("s3", "put_object", Bucket="soak-bucket", Key=f"o-{tag}", Body=data)
                ledger.s3_md5[f"o-{tag}"] = hashlib.md5(data).hexdigest()
                ledger.ack("s3", f"o-{tag}")
            elif n % 60 == 5:
                key = f"mp-{tag}"
                parts = [os.urandom(5 * 1024 * 1024), os.urandom(1024)]
                up = c.call("s3", "create_multipart_upload", Bucket="soak-bucket", Key=key)["UploadId"]
                etags = [c.call("s3", "upload_part", Bucket="soak-bucket", Key=key, UploadId=up, PartNumber=i + 1,
                                Body=p)["ETag"] for i, p in enumerate(parts)]
                c.call("s3", "complete_multipart_upload", Bucket="soak-bucket", Key=key, UploadId=up,
                       MultipartUpload={"Parts": [{"ETag": e, "PartNumber": i + 1} for i, e in enumerate(etags)]})
                ledger.s3_md5[key] = hashlib.md5(b"".join(parts)).hexdigest()
                ledger.ack("s3", key)
        except Exception as e:
            ledger.error(f"produce step {step}", e)
            if step == 1:
                n -= 1  # retry the same FIFO message (same group, same deduplication id)
            time.sleep(0.05)


def consumer(stop, c, ledger, url, stream):
    while not stop.is_set():
        try:
            r = c.call("sqs", "receive_message", QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        except Exception as e:
            ledger.error(f"receive {stream}", e)
            time.sleep(0.05)
            continue
        for m in r.get("Messages", []):
            body = m["Body"]
            if stream == "fifo":
                g, s = body.split(":")
                with ledger.lock:
                    last = ledger.fifo_last.get(g, 0)
                    if int(s) > last + 1:
                        ledger.fifo_violations.append(f"group {g}: {s} after {last}")
                    ledger.fifo_last[g] = max(last, int(s))
            ledger.saw(stream, body)
            try:
                c.call("sqs", "delete_message", QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            except Exception as e:
                ledger.error(f"delete {stream}", e)


def killer(stop, nodes, ledger, cycles, restarts):
    rng = random.Random(7)
    for i in range(cycles):
        time.sleep(rng.uniform(1.0, 4.0))
        nodes[0].kill()
        if len(nodes) > 1:
            time.sleep(rng.uniform(0.2, 1.0))  # the other node serves alone for a moment
        restarts.append(nodes[0].start())
        print(f"cycle {i + 1}/{cycles}: restarted in {restarts[-1]:.0f} ms", file=sys.stderr, flush=True)
    stop.set()


def settle(ledger, seconds):
    """Waits until every acknowledged item of the delivery streams was seen, or the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with ledger.lock:
            if all(ledger.acked[s] <= set(ledger.seen[s]) for s in ("std", "fifo", "sns_sqs", "sns_http")):
                return
        time.sleep(1)


def verify(c, ledger, restarts, normal_start_ms):
    report = {"restarts": len(restarts), "restart_ms_median": round(statistics.median(restarts)) if restarts else None,
              "restart_ms_max": round(max(restarts)) if restarts else None, "normal_start_ms": round(normal_start_ms)}
    lost = 0
    for s in ("std", "fifo", "sns_sqs", "sns_http"):
        missing = ledger.acked[s] - set(ledger.seen[s])
        dups = sum(1 for k, v in ledger.seen[s].items() if v > 1)
        report[s] = {"acknowledged": len(ledger.acked[s]), "delivered": len(ledger.seen[s]), "missing": len(missing),
                     "delivered_more_than_once": dups, "examples_missing": sorted(missing)[:5]}
        lost += len(missing)
    mails, captured, token = set(), 0, None
    while True:
        url = "/_haneul/ses/messages?raw=false&limit=200" + (f"&nextToken={token}" if token else "")
        page = json.load(urllib.request.urlopen(c.nodes[0].url + url, timeout=300))
        for m in page.get("messages", []):
            captured += 1
            mails.update(v for v in (m.get("id"), m.get("messageId")) if v)  # either may be the SES MessageId
        token = page.get("nextToken")
        if not token:
            break
    missing = ledger.acked["ses"] - mails
    report["ses"] = {"acknowledged": len(ledger.acked["ses"]), "captured": captured, "missing": len(missing)}
    lost += len(missing)
    bad = []
    for key in sorted(ledger.acked["s3"]):
        try:
            body = c.call("s3", "get_object", Bucket="soak-bucket", Key=key)["Body"].read()
            if hashlib.md5(body).hexdigest() != ledger.s3_md5[key]:
                bad.append(key + " (bytes differ)")
        except Exception as e:
            bad.append(f"{key} ({type(e).__name__})")
    report["s3"] = {"acknowledged": len(ledger.acked["s3"]), "missing_or_wrong": len(bad), "examples": bad[:5]}
    lost += len(bad)
    report["fifo_order_violations"] = ledger.fifo_violations[:10]
    report["client_errors_while_killed"] = ledger.errors
    slow = [r for r in restarts if r > 3 * normal_start_ms + 2000]
    report["restarts_slower_than_3x_normal"] = len(slow)
    idle = [s for s in ("std", "fifo", "sns_sqs", "sns_http", "ses", "s3") if not ledger.acked[s]]
    report["streams_never_acknowledged"] = idle
    report["ok"] = lost == 0 and not ledger.fifo_violations and not slow and not idle
    return report


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cycles", type=int, default=100)
    p.add_argument("--nodes", type=int, default=1)
    p.add_argument("--storage", default=None)
    p.add_argument("--server-cmd", default=None)
    p.add_argument("--out", default="/tmp/haneul-soak-kill9")
    p.add_argument("--settle-seconds", type=int, default=120)
    args = p.parse_args()
    if not args.server_cmd:
        subprocess.run([os.path.join(ROOT, "haneul"), "build"], check=True, stdout=subprocess.DEVNULL)
    args.server_cmd = json.loads(args.server_cmd) if args.server_cmd else [
        os.path.join(ROOT, "haneul"), "run", "--port", "{port}", "--data-dir", "{data}", "--log-level", "warn", "--smtp-port", "{smtp}"]
    os.makedirs(args.out, exist_ok=True)
    storage = ["--storage", args.storage, "--s3-blob-dir", os.path.join(args.out, "blobs")] if args.storage else []
    nodes = [Node(i, args, storage) for i in range(args.nodes)]
    http_port = free_port()
    for n in nodes:
        n.cmd += ["--sns-http-allow", "loopback"]
    normal = [n.start() for n in nodes][0]
    ledger, c = Ledger(), Clients(nodes)
    sink = http_sink(ledger, http_port)
    std, fifo, fan, topic = setup(c, http_port)
    wait_confirmed(c, topic)
    stop, restarts = threading.Event(), []
    threads = [threading.Thread(target=producer, args=(0, stop, c, ledger, std, fifo, topic), daemon=True),
               threading.Thread(target=producer, args=(1, stop, c, ledger, std, fifo, topic), daemon=True)]
    drain = threading.Event()
    threads += [threading.Thread(target=consumer, args=(drain, c, ledger, url, s), daemon=True)
                for url, s in ((std, "std"), (fifo, "fifo"), (fan, "sns_sqs"))]
    for t in threads:
        t.start()
    try:
        killer(stop, nodes, ledger, args.cycles, restarts)
        settle(ledger, args.settle_seconds)
        drain.set()
        report = verify(c, ledger, restarts, normal)
    finally:
        for n in nodes:
            n.stop()
        sink.shutdown()
    print(json.dumps(report, indent=1))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
