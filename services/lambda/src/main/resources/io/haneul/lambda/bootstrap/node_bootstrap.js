'use strict';
// Haneul's Node.js runtime: the Lambda Runtime API loop and the handler contract (async handlers,
// and callback handlers taking (event, context, callback)). AWS_LAMBDA_RUNTIME_API is host:port
// followed by a path prefix naming this execution environment.
const http = require('http');
const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const slash = api.indexOf('/');
const hostPort = slash < 0 ? api : api.slice(0, slash);
const prefix = slash < 0 ? '' : api.slice(slash);
const [host, port] = hostPort.split(':');
const base = prefix + '/2018-06-01/runtime';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

// A body goes with its Content-Length and through end(): Node then writes the head and the body in one
// piece, where write() then end() sends them chunked in separate packets that the server must wait for.
function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const all = body ? { ...(headers || {}), 'Content-Length': body.length } : (headers || {});
    const req = http.request({ host, port: Number(port), method, path: base + urlPath, agent, headers: all }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body || undefined);
  });
}

// Response streaming as AWS's Node runtimes offer it: awslambda.streamifyResponse(handler) marks a handler
// (event, responseStream, context); what it writes is POSTed as it comes, chunked, in the Runtime API's
// streaming response mode. HttpResponseStream.from adds the prelude function URLs read (status, headers).
const { Writable } = require('stream');
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
globalThis.awslambda = Object.assign(globalThis.awslambda || {}, {
  streamifyResponse(fn) {
    fn[STREAMING] = 'response';
    return fn;
  },
  HttpResponseStream: {
    from(stream, metadata) {
      stream.setContentType('application/vnd.awslambda.http-integration-response');
      stream.write(JSON.stringify(metadata || {}));
      stream.write(Buffer.alloc(8));
      return stream;
    },
  },
});

// The stream handed to a streaming handler; the POST opens at the first write (or at the end), so that a
// handler failing before it writes is reported as an ordinary error. A failure after that ends the POST with
// the Runtime API's error trailers, as AWS's runtime does (type, and the error document in base64).
const ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';
function responseStream(requestId) {
  let req = null;
  let done = null;
  let failure = null;
  let contentType = 'application/octet-stream';
  const open = () => {
    if (req) return;
    done = new Promise((resolve, reject) => {
      req = http.request({ host, port: Number(port), method: 'POST', path: `${base}/invocation/${requestId}/response`, agent,
        headers: { 'Content-Type': contentType, 'Lambda-Runtime-Function-Response-Mode': 'streaming', 'Transfer-Encoding': 'chunked',
          Trailer: `${ERROR_TYPE}, ${ERROR_BODY}` } },
      (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
    });
  };
  const stream = new Writable({
    write(chunk, encoding, cb) { open(); req.write(chunk, cb); },
    final(cb) {
      endOutput(requestId);
      open();
      if (failure) {
        req.addTrailers({ [ERROR_TYPE]: failure.errorType, [ERROR_BODY]: Buffer.from(JSON.stringify(failure)).toString('base64') });
      }
      req.end(() => cb());
    },
  });
  stream.fail = (doc) => { failure = doc; };
  // a stream destroyed by the failure (pipeline() destroys its destination) never reaches final(): end the POST here
  stream.failDestroyed = (doc) => new Promise((resolve) => {
    failure = doc;
    endOutput(requestId);
    open();
    req.addTrailers({ [ERROR_TYPE]: doc.errorType, [ERROR_BODY]: Buffer.from(JSON.stringify(doc)).toString('base64') });
    req.end(resolve);
  });
  stream.setContentType = (type) => { contentType = type; };
  stream.opened = () => req !== null;
  stream.answered = () => done;
  return stream;
}

async function invokeStreaming(handler, event, context, requestId) {
  const stream = responseStream(requestId);
  try {
    await handler(event, stream, context);
  } catch (err) {
    if (!stream.opened() && !stream.writableEnded) throw err;
    const doc = errorDocument(err);
    process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(doc)}\n`);
    if (stream.destroyed && !stream.writableFinished) {
      await stream.failDestroyed(doc);
      await stream.answered();
      return;
    }
    if (!stream.writableEnded) stream.fail(doc);
  }
  if (!stream.writableEnded) await new Promise((resolve) => stream.end(resolve));
  else if (!stream.writableFinished) await new Promise((resolve) => stream.on('finish', resolve));
  await stream.answered();
}

let currentRequestId = null;
for (const [level, fn] of [['INFO', 'log'], ['INFO', 'info'], ['WARN', 'warn'], ['ERROR', 'error'], ['DEBUG', 'debug']]) {
  const original = console[fn].bind(console);
  const util = require('util');
  console[fn] = (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId || 'undefined'}\t${level}\t${util.format(...args)}\n`);
  };
  void original;
}

function errorDocument(err) {
  if (!(err instanceof Error)) {
    return { errorType: 'string', errorMessage: typeof err === 'string' ? err : JSON.stringify(err), trace: [] };
  }
  return { errorType: err.name || 'Error', errorMessage: err.message, trace: (err.stack || '').split('\n') };
}

// Marks the end of an invocation's output, so Haneul knows its log is complete (writes to a pipe are synchronous on Linux).
function endOutput(requestId) {
  process.stdout.write(`\x1eHANEUL-END ${requestId}\x1e\n`);
}

async function post(urlPath, doc, errorType) {
  const headers = { 'Content-Type': 'application/json' };
  if (errorType) headers['Lambda-Runtime-Function-Error-Type'] = errorType;
  await request('POST', urlPath, Buffer.from(JSON.stringify(doc)), headers);
}

async function initError(errorType, message) {
  process.stdout.write(`${new Date().toISOString()}\tundefined\tERROR\t${errorType}: ${message}\n`);
  await post('/init/error', { errorType, errorMessage: message, trace: [] }, errorType);
  process.exit(1);
}

async function loadHandler() {
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const spec = process.env._HANDLER || '';
  const dot = spec.lastIndexOf('.');
  if (dot < 0) return initError('Runtime.MalformedHandlerName', `Bad handler ${spec}`);
  const moduleName = spec.slice(0, dot);
  const fnName = spec.slice(dot + 1);
  let mod;
  try {
    const candidates = ['.js', '.mjs', '.cjs'].map((ext) => path.join(taskRoot, moduleName + ext));
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) {
      const e = new Error(`Cannot find module '${moduleName}'`);
      e.code = 'MODULE_NOT_FOUND';
      throw e;
    }
    mod = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : require(file);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') return initError('Runtime.ImportModuleError', `Error: ${err.message}`);
    const doc = errorDocument(err);
    process.stdout.write(`${new Date().toISOString()}\tundefined\tERROR\t${doc.errorType}: ${doc.errorMessage}\n`);
    await post('/init/error', doc, 'Runtime.Unknown');
    return process.exit(1);
  }
  const handler = mod[fnName] || (mod.default && mod.default[fnName]);
  if (typeof handler !== 'function') return initError('Runtime.HandlerNotFound', `${spec} is undefined or not exported`);
  return handler;
}

function invokeHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err) reject(err); else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (err) => callback(err || new Error('handled'));
    try {
      const out = handler(event, context, callback);
      if (out && typeof out.then === 'function') {
        out.then((r) => callback(null, r), (e) => callback(e));
      } else if (handler.length < 3) {
        callback(null, out);
      }
    } catch (err) {
      callback(err);
    }
  });
}

async function main() {
  const handler = await loadHandler();
  for (;;) {
    const next = await request('GET', '/invocation/next');
    if (next.status === 204) continue;
    if (next.status !== 200) {
      process.stdout.write(`Runtime API answered ${next.status} to next\n`);
      process.exit(1);
    }
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    const deadline = Number(next.headers['lambda-runtime-deadline-ms'] || 0);
    if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
    currentRequestId = requestId;
    const context = {
      awsRequestId: requestId,
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    let event;
    try {
      event = next.body.length ? JSON.parse(next.body.toString('utf8')) : {};
      if (handler[STREAMING] === 'response') {
        await invokeStreaming(handler, event, context, requestId);
        continue;
      }
      const result = await invokeHandler(handler, event, context);
      const body = result === undefined ? 'null' : JSON.stringify(result);
      endOutput(requestId);
      await request('POST', `/invocation/${requestId}/response`, Buffer.from(body), { 'Content-Type': 'application/json' });
    } catch (err) {
      const doc = errorDocument(err);
      process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(doc)}\n`);
      endOutput(requestId);
      await post(`/invocation/${requestId}/error`, doc, 'Unhandled');
    }
  }
}

main().catch((err) => {
  process.stdout.write(`bootstrap failed: ${err && err.stack}\n`);
  process.exit(1);
});
