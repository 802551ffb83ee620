"""Haneul's Python runtime: the Lambda Runtime API loop and the handler(event, context) contract.

Started by Haneul with the function's environment (AWS_LAMBDA_RUNTIME_API, _HANDLER,
LAMBDA_TASK_ROOT, ...). AWS_LAMBDA_RUNTIME_API is host:port followed by a path prefix that
identifies this execution environment; requests go to http:// + that + /2018-06-01/runtime/...
"""
import importlib
import json
import os
import socket
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
HOSTPORT, _, PREFIX = API.partition("/")
PREFIX = ("/" + PREFIX) if PREFIX else ""
BASE = PREFIX + "/2018-06-01/runtime"


class _Api:
    """HTTP/1.1 to the Runtime API over one kept-alive connection.

    Not http.client, for speed: it parses every response's header with the email package (about
    0.1 ms, twice per invocation, in a loop whose whole budget is a millisecond or two) and sends a
    request's head and body in two writes, two packets on its TCP_NODELAY socket, the second of
    which the server must wait for. This client writes each request in one piece and reads the
    status line, the header fields and the body (Content-Length, chunked, or up to the close)
    itself; header names come back lower-cased.
    """

    def __init__(self):
        self.sock = None
        self.reader = None

    def _connect(self):
        host, _, port = HOSTPORT.rpartition(":")
        self.sock = socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb")

    def close(self):
        if self.sock is not None:
            try:
                self.reader.close()
                self.sock.close()
            except OSError:
                pass
        self.sock = None
        self.reader = None

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):
            if self.sock is None:
                self._connect()
            try:
                return self._exchange(method, path, body, headers)
            except (OSError, ValueError):
                # a kept-alive connection the server has closed meanwhile: once more on a new one
                self.close()
                if attempt:
                    raise

    def _exchange(self, method, path, body, headers):
        head = "%s %s HTTP/1.1\r\nHost: %s\r\n" % (method, BASE + path, HOSTPORT)
        for name, value in (headers or {}).items():
            head += "%s: %s\r\n" % (name, value)
        if body is not None:
            head += "Content-Length: %d\r\n" % len(body)
        self.sock.sendall((head + "\r\n").encode("latin-1") + (body or b""))
        status_line = self.reader.readline(65537)
        if not status_line:
            raise ConnectionError("the Runtime API closed the connection")
        status = int(status_line.split(None, 2)[1])
        fields = {}
        while True:
            line = self.reader.readline(65537)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            fields[name.strip().lower()] = value.strip()
        if status in (204, 304) or status < 200:
            answer = b""
        elif "chunked" in fields.get("transfer-encoding", "").lower():
            answer = self._chunked()
        elif "content-length" in fields:
            answer = self._exactly(int(fields["content-length"]))
        else:
            answer = self.reader.read()
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, fields, answer

    def _exactly(self, n):
        data = self.reader.read(n)
        if len(data) != n:
            raise ConnectionError("the Runtime API closed the connection mid-body")
        return data

    def _chunked(self):
        parts = []
        while True:
            size = int(self.reader.readline(65537).split(b";", 1)[0].strip(), 16)
            if size == 0:
                while self.reader.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass  # trailer fields
                return b"".join(parts)
            parts.append(self._exactly(size))
            self.reader.readline(65537)


API_CLIENT = _Api()


class LambdaContext:
    def __init__(self, request_id, deadline_ms, arn):
        self.aws_request_id = request_id
        self.invoked_function_arn = arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def _error_document(exc, tb=None):
    frames = traceback.extract_tb(tb or exc.__traceback__)
    return {
        "errorMessage": str(exc),
        "errorType": type(exc).__name__,
        "stackTrace": [line for line in traceback.format_list(frames)],
    }


def _end_output(request_id):
    """Flushes the function's output and marks its end, so Haneul knows the invocation's log is complete."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, ("\x1eHANEUL-END %s\x1e\n" % request_id).encode("utf-8"))


def _post(path, document, error_type=None):
    sys.stdout.flush()
    sys.stderr.flush()
    headers = {"Content-Type": "application/json"}
    if error_type:
        headers["Lambda-Runtime-Function-Error-Type"] = error_type
    API_CLIENT.request("POST", path, json.dumps(document).encode("utf-8"), headers)


def _init_error(error_type, message):
    print("[ERROR] %s: %s" % (error_type, message), flush=True)
    _post("/init/error", {"errorMessage": message, "errorType": error_type, "stackTrace": []}, error_type)
    sys.exit(1)


def _load_handler():
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    spec = os.environ.get("_HANDLER", "")
    module_name, _, function_name = spec.rpartition(".")
    if not module_name:
        _init_error("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        _init_error("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        _init_error("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    except Exception as e:
        doc = _error_document(e)
        print("[ERROR] %s: %s" % (doc["errorType"], doc["errorMessage"]), flush=True)
        _post("/init/error", doc, "Runtime.Unknown")
        sys.exit(1)
    handler = getattr(module, function_name, None)
    if handler is None:
        _init_error("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


def main():
    handler = _load_handler()
    while True:
        status, headers, body = API_CLIENT.request("GET", "/invocation/next")
        if status == 204:
            continue
        if status != 200:
            print("[ERROR] Runtime API answered %s to next" % status, flush=True)
            sys.exit(1)
        request_id = headers.get("lambda-runtime-aws-request-id")
        deadline = int(headers.get("lambda-runtime-deadline-ms", "0"))
        trace = headers.get("lambda-runtime-trace-id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        context = LambdaContext(request_id, deadline, headers.get("lambda-runtime-invoked-function-arn"))
        try:
            event = json.loads(body) if body else {}
            result = handler(event, context)
            payload = json.dumps(result)
        except Exception as e:
            doc = _error_document(e)
            doc["requestId"] = request_id
            print("[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (
                doc["errorType"], doc["errorMessage"], "".join(doc["stackTrace"])), flush=True)
            _end_output(request_id)
            _post("/invocation/%s/error" % request_id, doc, "Unhandled")
            continue
        _end_output(request_id)
        API_CLIENT.request("POST", "/invocation/%s/response" % request_id, payload.encode("utf-8"),
                           {"Content-Type": "application/json"})


if __name__ == "__main__":
    main()
