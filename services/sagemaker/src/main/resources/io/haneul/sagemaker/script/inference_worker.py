"""Haneul's SageMaker inference worker: the framework containers' inference contract for a script-mode model.

Started by the Haneul server with: python inference_worker.py <model_dir> <code_dir> <program>.
It imports the user's module, calls model_fn(model_dir) once, and answers requests read from stdin in
frames (4-byte big-endian length + JSON header, 4-byte length + body), one answer frame per request on
the original stdout (a streamed request, InvokeEndpointWithResponseStream, gets one frame per piece a
generator answer yields, marked "more", then an end frame). The user's prints go to stderr (the endpoint's
log). Functions the module does not define take the toolkit's defaults: input_fn decodes application/json,
text/csv and application/x-npy into numpy arrays, predict_fn calls model.predict, output_fn encodes to the
Accept type (application/json when the client accepts anything); transform_fn, when defined, replaces the three.
"""
import importlib.util
import io
import json
import os
import struct
import sys
import traceback

PROTOCOL_OUT = os.fdopen(os.dup(1), "wb", buffering=0)
os.dup2(2, 1)  # print() in user code lands in the log, not in the protocol
PROTOCOL_IN = sys.stdin.buffer

JSON_TYPE = "application/json"
CSV_TYPE = "text/csv"
NPY_TYPE = "application/x-npy"
UTF8_TYPES = (JSON_TYPE, CSV_TYPE)


class ClientError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def read_exact(n):
    data = b""
    while len(data) < n:
        chunk = PROTOCOL_IN.read(n - len(data))
        if not chunk:
            raise EOFError()
        data += chunk
    return data


def read_frame():
    header = json.loads(read_exact(struct.unpack(">I", read_exact(4))[0]).decode("utf-8"))
    body = read_exact(struct.unpack(">I", read_exact(4))[0])
    return header, body


def write_frame(header, body=b""):
    h = json.dumps(header).encode("utf-8")
    PROTOCOL_OUT.write(struct.pack(">I", len(h)) + h + struct.pack(">I", len(body)) + body)


def base_type(content_type):
    return (content_type or "").split(";")[0].strip().lower()


def default_model_fn(model_dir):
    raise NotImplementedError("Please provide a model_fn implementation. See documentation for model_fn at "
                              "https://sagemaker.readthedocs.io/en/stable/")


def default_input_fn(input_data, content_type):
    import numpy as np
    ct = base_type(content_type)
    if ct == JSON_TYPE:
        return np.array(json.loads(input_data))
    if ct == CSV_TYPE:
        return np.genfromtxt(io.StringIO(input_data), delimiter=",", dtype=float, ndmin=2)
    if ct == NPY_TYPE:
        return np.load(io.BytesIO(input_data), allow_pickle=False)
    raise ClientError(415, "Content type %s is not supported by this framework.\n\n"
                           "Please implement input_fn to to deserialize the request data or an output_fn to\n"
                           "serialize the response. For more information, see the SageMaker Python SDK README." % content_type)


def default_predict_fn(data, model):
    return model.predict(data)


def default_output_fn(prediction, accept):
    import numpy as np
    ct = base_type(accept)
    if ct in ("", "*/*"):
        ct = base_type(os.environ.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", JSON_TYPE))
    if ct == JSON_TYPE:
        value = prediction.tolist() if hasattr(prediction, "tolist") else prediction
        return json.dumps(value), JSON_TYPE
    if ct == CSV_TYPE:
        stream = io.StringIO()
        np.savetxt(stream, np.asarray(prediction), delimiter=",", fmt="%s")
        return stream.getvalue(), CSV_TYPE
    if ct == NPY_TYPE:
        stream = io.BytesIO()
        np.save(stream, np.asarray(prediction))
        return stream.getvalue(), NPY_TYPE
    raise ClientError(415, "Accept type %s is not supported by this framework." % accept)


def load_module(code_dir, program):
    sys.path.insert(0, code_dir)
    name = program[:-3] if program.endswith(".py") else program
    path = os.path.join(code_dir, program if program.endswith(".py") else program + ".py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def handle(module, model, header, body):
    content_type = header.get("content_type") or JSON_TYPE
    accept = header.get("accept") or "*/*"
    transform_fn = getattr(module, "transform_fn", None)
    if transform_fn is not None:
        result = transform_fn(model, body, content_type, accept)
        out, out_type = (result if isinstance(result, tuple) else (result, base_type(accept) if accept != "*/*" else JSON_TYPE))
    else:
        data = body.decode("utf-8") if base_type(content_type) in UTF8_TYPES else body
        decoded = getattr(module, "input_fn", default_input_fn)(data, content_type)
        prediction = getattr(module, "predict_fn", default_predict_fn)(decoded, model)
        result = getattr(module, "output_fn", default_output_fn)(prediction, accept)
        out, out_type = (result if isinstance(result, tuple) else (result, base_type(accept) if accept != "*/*" else JSON_TYPE))
    return out, out_type


def as_bytes(out):
    return out.encode("utf-8") if isinstance(out, str) else bytes(out)


def pieces(out):
    """The answer's pieces: those a generator (or any other iterator) yields, else the answer itself."""
    if isinstance(out, (str, bytes, bytearray, memoryview)) or not hasattr(out, "__next__"):
        return [out]
    return out


def answer(module, model, header, body):
    out, out_type = handle(module, model, header, body)
    if not header.get("stream"):
        write_frame({"status": 200, "content_type": out_type}, b"".join(as_bytes(p) for p in pieces(out)))
        return
    for piece in pieces(out):
        data = as_bytes(piece)
        if data:
            write_frame({"status": 200, "content_type": out_type, "more": True}, data)
    write_frame({"status": 200, "content_type": out_type})


def main():
    model_dir, code_dir, program = sys.argv[1], sys.argv[2], sys.argv[3]
    try:
        module = load_module(code_dir, program)
        model = getattr(module, "model_fn", default_model_fn)(model_dir)
    except BaseException as e:  # noqa: B902 - any failure to load is the endpoint's FailureReason
        traceback.print_exc()
        write_frame({"status": 500, "message": "%s: %s" % (type(e).__name__, e)})
        return
    write_frame({"status": 200, "ready": True})
    while True:
        try:
            header, body = read_frame()
        except EOFError:
            return
        try:
            answer(module, model, header, body)
        except ClientError as e:
            write_frame({"status": e.status, "message": str(e)})
        except Exception as e:  # noqa: B902 - the container answers 500 with the error
            traceback.print_exc()
            write_frame({"status": 500, "message": "%s: %s" % (type(e).__name__, e)})


if __name__ == "__main__":
    main()
