"""A streaming model (as an LLM's server streams tokens): transform_fn answers a generator of text pieces.

The request is JSON: {"n": pieces, "prefix": ..., "gate": a file to wait for after the first piece,
"then": "end" | "fail" (raise after the pieces) | "hang" (never finish), "refuse": true (fail before answering)}.
"""
import json
import os
import time


def model_fn(model_dir):
    with open(os.path.join(model_dir, "greeting.txt")) as f:
        return {"greeting": f.read().strip()}


def transform_fn(model, body, content_type, accept):
    request = json.loads(body)
    if request.get("refuse"):
        raise ValueError("refused before streaming")

    def pieces():
        for i in range(request["n"]):
            yield "%s-%d " % (model["greeting"], i)
            gate = request.get("gate")
            if i == 0 and gate:
                while not os.path.exists(gate):
                    time.sleep(0.05)
        if request.get("then") == "fail":
            raise RuntimeError("ran out of tokens")
        if request.get("then") == "hang":
            time.sleep(600)

    return pieces(), "text/plain"
