"""A ScriptProcessor entry point: doubles the numbers of every CSV under the input and writes them to the output."""
import os
import sys

args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
if args.get("--fail"):
    raise RuntimeError("processing failed: " + args["--fail"])
if args.get("--sleep"):
    import time
    print("sleeping", flush=True)
    time.sleep(int(args["--sleep"]))
source, target = "/opt/ml/processing/input/data", "/opt/ml/processing/output"
source = args.get("--input", source)
target = args.get("--output", target)
count = 0
for name in sorted(os.listdir(source)):
    with open(os.path.join(source, name)) as f:
        rows = [[float(v) * 2 for v in line.strip().split(",")] for line in f if line.strip()]
    with open(os.path.join(target, name), "w") as out:
        out.write("".join(",".join("%g" % v for v in row) + "\n" for row in rows))
    count += len(rows)
with open(os.path.join(target, "summary.txt"), "w") as out:
    out.write("rows=%d env=%s\n" % (count, os.environ.get("STAGE", "")))
print("processed %d rows" % count)
