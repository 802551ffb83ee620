#!/usr/bin/env python3
"""Memory soak: mixed load on SQS, SNS, SES, S3, CloudSearch, API Gateway and SWF for a while (default one
hour), with the server's RSS, heap after a full GC (jcmd GC.run, then jstat) and open file descriptors
sampled every 10 s. Writes samples.csv, memory.png (three panels) and a JSON verdict: after the warm-up
(the first third of the run: RSS grows for about 20 minutes while the heap's committed size and
CloudSearch's memory-mapped index reach their working size) each series must be flat — its least-squares trend over the rest under a
threshold per hour, and the last third's median within 10% (heap, RSS) or 20 descriptors of the middle
third's. Exits 1 when something grows.

  memory.py [--seconds 3600] [--rate 50] [--warmup-fraction 0.333] [--out DIR]
"""
import argparse, csv, json, os, random, statistics, subprocess, sys, threading, time, urllib.request

import boto3
from botocore.config import Config

from soakutil import ROOT, free_port

JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
ACCOUNT = "123456789012"
# growth per hour after warm-up that still counts as flat
LIMITS = {"rss_mib": 16.0, "heap_mib": 4.0, "fds": 20.0}


def client(url, service):
    return boto3.client(service, endpoint_url=url, region_name="us-east-1", aws_access_key_id=ACCOUNT,
                        aws_secret_access_key="secret", config=Config(retries={"max_attempts": 2}, read_timeout=30))


def setup(url):
    sqs, sns, s3, ses = (client(url, s) for s in ("sqs", "sns", "s3", "ses"))
    std = sqs.create_queue(QueueName="mem-std")["QueueUrl"]
    fifo = sqs.create_queue(QueueName="mem.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    fan = sqs.create_queue(QueueName="mem-fan")["QueueUrl"]
    topic = sns.create_topic(Name="mem-topic")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=sqs.get_queue_attributes(QueueUrl=fan, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])
    s3.create_bucket(Bucket="mem-bucket")
    ses.verify_email_identity(EmailAddress="mem@example.com")
    cs = client(url, "cloudsearch")
    cs.create_domain(DomainName="mem")
    cs.define_index_field(DomainName="mem", IndexField={"IndexFieldName": "title", "IndexFieldType": "text"})
    cs.index_documents(DomainName="mem")
    search = cs.describe_domains(DomainNames=["mem"])["DomainStatusList"][0]["SearchService"]["Endpoint"]
    doc = cs.describe_domains(DomainNames=["mem"])["DomainStatusList"][0]["DocService"]["Endpoint"]
    apigw = client(url, "apigateway")
    api = apigw.create_rest_api(name="mem")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api, resourceId=root, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api, resourceId=root, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": '{"ok": true}'})
    apigw.create_deployment(restApiId=api, stageName="s")
    swf = client(url, "swf")
    swf.register_domain(name="mem", workflowExecutionRetentionPeriodInDays="1")
    swf.register_workflow_type(domain="mem", name="w", version="1", defaultTaskList={"name": "t"},
                               defaultExecutionStartToCloseTimeout="600", defaultTaskStartToCloseTimeout="60",
                               defaultChildPolicy="TERMINATE")
    return {"std": std, "fifo": fifo, "fan": fan, "topic": topic, "search": search, "doc": doc, "api": api}


def worker(url, res, stop, rate, errors, seed):
    """One load thread: a random operation at about rate/threads per second."""
    rng = random.Random(seed)
    sqs, sns, s3, ses, swf = (client(url, s) for s in ("sqs", "sns", "s3", "ses", "swf"))
    csd = client("http://" + res["search"], "cloudsearchdomain")
    csu = client("http://" + res["doc"], "cloudsearchdomain")
    n = 0
    while not stop.is_set():
        n += 1
        op = rng.randrange(10)
        try:
            if op == 0:
                sqs.send_message_batch(QueueUrl=res["std"], Entries=[{"Id": str(i), "MessageBody": "x" * rng.randint(10, 4000)} for i in range(5)])
            elif op == 1:
                for m in sqs.receive_message(QueueUrl=res["std"], MaxNumberOfMessages=10).get("Messages", []):
                    sqs.delete_message(QueueUrl=res["std"], ReceiptHandle=m["ReceiptHandle"])
            elif op == 2:
                sqs.send_message(QueueUrl=res["fifo"], MessageBody=f"{seed}-{n}", MessageGroupId=str(n % 8))
                for m in sqs.receive_message(QueueUrl=res["fifo"], MaxNumberOfMessages=10).get("Messages", []):
                    sqs.delete_message(QueueUrl=res["fifo"], ReceiptHandle=m["ReceiptHandle"])
            elif op == 3:
                sns.publish(TopicArn=res["topic"], Message="m" * rng.randint(10, 2000))
                for m in sqs.receive_message(QueueUrl=res["fan"], MaxNumberOfMessages=10).get("Messages", []):
                    sqs.delete_message(QueueUrl=res["fan"], ReceiptHandle=m["ReceiptHandle"])
            elif op == 4:
                ses.send_email(Source="mem@example.com", Destination={"ToAddresses": ["to@example.com"]},
                               Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b" * rng.randint(10, 5000)}}})
            elif op == 5:
                key = f"k{rng.randrange(500)}"
                s3.put_object(Bucket="mem-bucket", Key=key, Body=os.urandom(rng.randint(1, 256 * 1024)))
                s3.get_object(Bucket="mem-bucket", Key=key)["Body"].read()
            elif op == 6:
                s3.list_objects_v2(Bucket="mem-bucket", MaxKeys=100)
                s3.delete_object(Bucket="mem-bucket", Key=f"k{rng.randrange(500)}")
            elif op == 7:
                csu.upload_documents(contentType="application/json", documents=json.dumps(
                    [{"type": "add", "id": f"d{rng.randrange(2000)}", "fields": {"title": f"title {n} soak"}}]).encode())
                csd.search(query="soak", size=10)
            elif op == 8:
                urllib.request.urlopen(f"{url}/_aws/execute-api/{res['api']}/s/", timeout=30).read()
            else:
                swf.start_workflow_execution(domain="mem", workflowId=f"w-{seed}-{n}", workflowType={"name": "w", "version": "1"})
                task = swf.poll_for_decision_task(domain="mem", taskList={"name": "t"}, maximumPageSize=10)
                if task.get("taskToken"):
                    swf.respond_decision_task_completed(taskToken=task["taskToken"], decisions=[
                        {"decisionType": "CompleteWorkflowExecution", "completeWorkflowExecutionDecisionAttributes": {}}])
        except Exception as e:
            errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
        time.sleep(max(0.0, rng.expovariate(rate)))


def sample(pid):
    rss = int(next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))) / 1024
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    subprocess.run([f"{JAVA_HOME}/bin/jcmd", str(pid), "GC.run"], capture_output=True, timeout=120)
    out = subprocess.run([f"{JAVA_HOME}/bin/jstat", "-gc", str(pid)], capture_output=True, text=True, timeout=60).stdout.split("\n")
    cols = dict(zip(out[0].split(), out[1].split()))
    heap = sum(float(cols.get(k, 0)) for k in ("S0U", "S1U", "EU", "OU")) / 1024
    return rss, heap, fds


def trend_per_hour(ts, values):
    n = len(ts)
    mt, mv = sum(ts) / n, sum(values) / n
    var = sum((t - mt) ** 2 for t in ts)
    return 0.0 if var == 0 else sum((t - mt) * (v - mv) for t, v in zip(ts, values)) / var * 3600


def verdict(rows, warmup_fraction):
    warm = int(len(rows) * warmup_fraction)
    rest = rows[warm:]
    out, ok = {}, True
    for i, name in enumerate(("rss_mib", "heap_mib", "fds"), start=1):
        ts, vs = [r[0] for r in rest], [r[i] for r in rest]
        third = max(1, len(vs) // 3)
        middle, last = statistics.median(vs[third:2 * third] or vs), statistics.median(vs[-third:])
        slope = trend_per_hour(ts, vs)
        grown = last - middle > (20 if name == "fds" else 0.10 * middle)
        flat = slope <= LIMITS[name] and not grown
        ok &= flat
        out[name] = {"warmup_samples": warm, "after_warmup_first": vs[0], "middle_median": middle, "last_median": last,
                     "trend_per_hour": round(slope, 2), "limit_per_hour": LIMITS[name], "flat": flat}
    out["flat"] = ok
    return out


def plot(rows, path):
    try:
        import matplotlib
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "matplotlib"], check=True)
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(3, 1, figsize=(9, 8), sharex=True)
    minutes = [r[0] / 60 for r in rows]
    for ax, i, label in zip(axes, (1, 2, 3), ("RSS (MiB)", "heap after GC (MiB)", "open file descriptors")):
        ax.plot(minutes, [r[i] for r in rows], linewidth=1)
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.set_ylim(bottom=0)
    axes[-1].set_xlabel("minutes")
    fig.suptitle("Haneul memory soak: mixed load, samples every 10 s")
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=int, default=3600)
    p.add_argument("--rate", type=float, default=50, help="operations per second, all threads together")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--warmup-fraction", type=float, default=1 / 3, help="leading part of the samples the verdict ignores")
    p.add_argument("--out", default="/tmp/haneul-soak-memory")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    subprocess.run([os.path.join(ROOT, "haneul"), "build"], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HANEUL_")}
    data = os.path.join(args.out, "data")
    subprocess.run(["rm", "-rf", data])
    log = open(os.path.join(args.out, "haneul.log"), "wb")
    proc = subprocess.Popen([os.path.join(ROOT, "haneul"), "run", "--port", str(port), "--data-dir", data, "--log-level", "warn",
                             "--smtp-port", "0"], stdout=log, stderr=log, env=env)
    try:
        for _ in range(1200):
            try:
                urllib.request.urlopen(url + "/_haneul/health", timeout=1).read()
                break
            except Exception:
                time.sleep(0.1)
        res = setup(url)
        stop, errors = threading.Event(), {}
        threads = [threading.Thread(target=worker, args=(url, res, stop, args.rate / args.threads, errors, i), daemon=True)
                   for i in range(args.threads)]
        for t in threads:
            t.start()
        rows, started, skipped = [], time.monotonic(), 0
        with open(os.path.join(args.out, "samples.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["seconds", "rss_mib", "heap_after_gc_mib", "open_fds"])
            while time.monotonic() - started < args.seconds:
                try:
                    rss, heap, fds = sample(proc.pid)
                except subprocess.TimeoutExpired:
                    # a machine busy with other work can keep jcmd waiting: skip this sample, not the soak
                    skipped += 1
                    continue
                rows.append((round(time.monotonic() - started, 1), round(rss, 1), round(heap, 1), fds))
                w.writerow(rows[-1])
                f.flush()
                time.sleep(max(0.0, 10 - (time.monotonic() - started) % 10))
        stop.set()
        plot(rows, os.path.join(args.out, "memory.png"))
        report = {"seconds": args.seconds, "rate": args.rate, "samples": len(rows), "skipped_samples": skipped, "errors": errors, **verdict(rows, args.warmup_fraction)}
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(json.dumps(report, indent=1))
    sys.exit(0 if report["flat"] else 1)


if __name__ == "__main__":
    main()
