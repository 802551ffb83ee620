"""Writes newest.json: the HTTP binding (method and request URI) of every operation of every API model
Haneul ships, as the newest botocore wheel available defines it. NewestBindingsIT compares the shipped
models with it, so that a binding newer SDKs send is found by a test rather than by users.

    python3.11 -m pip download botocore --no-deps -d /tmp/bc
    python3.11 it/src/test/resources/newest-bindings/snapshot.py /tmp/bc/botocore-*.whl
"""
import gzip, json, os, re, sys, zipfile

wheel = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
models = os.path.join(here, "../../../../../core/src/main/resources/aws-models")
version = re.search(r"botocore-([^-]+)-", os.path.basename(wheel)).group(1)
out = {"source": "botocore " + version, "models": {}}
with zipfile.ZipFile(wheel) as z:
    names = set(z.namelist())
    for f in sorted(os.listdir(models)):
        m = re.fullmatch(r"(.+)-(\d{4}-\d{2}-\d{2})\.json", f)
        if not m:
            continue
        base = "botocore/data/%s/%s/service-2.json" % m.groups()
        if base + ".gz" in names:
            model = json.loads(gzip.decompress(z.read(base + ".gz")))
        elif base in names:
            model = json.loads(z.read(base))
        else:
            continue
        out["models"][f[:-5]] = {name: op["http"]["method"] + " " + op["http"]["requestUri"]
                                 for name, op in sorted(model["operations"].items())}
with open(os.path.join(here, "newest.json"), "w") as w:
    json.dump(out, w, indent=1, sort_keys=True)
    w.write("\n")
