"""Haneul's Python runtime: the Lambda Runtime API loop and the handler(event, context) contract.

Started by Haneul with the function's environment (AWS_LAMBDA_RUNTIME_API, _HANDLER,
LAMBDA_TASK_ROOT, ...). AWS_LAMBDA_RUNTIME_API is host:port followed by a path prefix that
identifies this execution environment; requests go to http:// + that + /2018-06-01/runtime/...
"""
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
HOSTPORT, _, PREFIX = API.partition("/")
PREFIX = ("/" + PREFIX) if PREFIX else ""
BASE = PREFIX + "/2018-06-01/runtime"


class _Api:
    def __init__(self):
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOSTPORT, timeout=None)
            try:
                self.conn.request(method, BASE + path, body=body, headers=headers or {})
                resp = self.conn.getresponse()
                return resp.status, resp.headers, resp.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise


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
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        deadline = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))
        trace = headers.get("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        context = LambdaContext(request_id, deadline, headers.get("Lambda-Runtime-Invoked-Function-Arn"))
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
