// Lambda: functions (ListFunctions), a function's configuration, invoke with a payload (RequestResponse with
// the log tail, or Event), and its recent invocations read from its log (/_haneul/lambda/logs/<function>).
import { useState } from "preact/hooks";
import { everyPage, internal, restJson, signed, type Session } from "../api";
import { ErrorNote, Panel, Table, bytes, useApp, useLoad, when } from "../ui";

const API = "/2015-03-31/functions";
const lambda = <T = any>(s: Session, method: string, path: string, input?: object) => restJson<T>(s, "lambda", method, path, input);

type Fn = { FunctionName: string; FunctionArn: string; Runtime?: string; Handler?: string; MemorySize: number; Timeout: number;
  CodeSize: number; LastModified: string; State?: string; PackageType?: string; Description?: string };
type Invocation = { requestId: string; start?: string; version?: string; duration?: number; billed?: number; memoryUsed?: number;
  status: string; lines: string[] };
type Result = { status: number; functionError?: string; version?: string; payload: string; log?: string };

/** A log line that says the invocation failed: the runtime's error record, a timeout, a crash. */
const FAILURE = /\[ERROR\]|"errorType"|Task timed out|Runtime exited|Runtime\.\w+Error/;

/**
 * The invocations in a function's log, newest first: each one's lines from `START RequestId: <id>` to its
 * `REPORT RequestId: <id>` line (duration, billed duration, memory used; "error" when a line says it failed).
 */
export function invocations(log: string): Invocation[] {
  const byId = new Map<string, Invocation>();
  let current: Invocation | null = null;
  for (const line of log.split("\n")) {
    const start = /START RequestId: (\S+)(?: Version: (\S+))?/.exec(line);
    if (start) {
      current = { requestId: start[1], version: start[2], status: "running", lines: [] };
      byId.set(start[1], current);
    }
    const report = /REPORT RequestId: (\S+)\s+Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms.*?Max Memory Used: (\d+) MB/.exec(line);
    if (report) {
      const inv = byId.get(report[1]) ?? { requestId: report[1], status: "", lines: [] };
      const failed = inv.lines.some((l) => FAILURE.test(l));
      Object.assign(inv, { duration: Number(report[2]), billed: Number(report[3]), memoryUsed: Number(report[4]), status: failed ? "error" : "ok" });
      byId.set(report[1], inv);
      if (current === inv) current = null;
    }
    if (current && line) current.lines.push(line);
    else if (report) byId.get(report[1])!.lines.push(line);
  }
  return [...byId.values()].reverse();
}

export function Lambda() {
  const { session } = useApp();
  const [open, setOpen] = useState<string | null>(null);
  const functions = useLoad(() => everyPage<Fn>((token) => lambda(session, "GET", API + "/?MaxItems=50" + (token ? "&Marker=" + encodeURIComponent(token) : "")),
    "Functions", "NextMarker"));
  const fn = functions.data?.find((f) => f.FunctionName === open) ?? null;
  return (
    <>
      <h1>Lambda functions</h1>
      <div class="toolbar"><button onClick={functions.reload}>Refresh functions</button></div>
      <ErrorNote error={functions.error} />
      <Table<Fn> label="Functions" rows={functions.data ?? []} rowKey={(f) => f.FunctionName} selected={open} onOpen={(f) => setOpen(f.FunctionName)}
        empty={<p>No functions in this account and region. Create one with <code>aws lambda create-function --function-name hello --runtime python3.12 --handler app.handler --zip-file fileb://app.zip --role arn:aws:iam::000000000000:role/lambda</code>.</p>}
        columns={[
          { key: "name", label: "Name", value: (f) => f.FunctionName },
          { key: "runtime", label: "Runtime", value: (f) => f.Runtime ?? f.PackageType ?? "" },
          { key: "handler", label: "Handler", value: (f) => f.Handler ?? "" },
          { key: "memory", label: "Memory (MB)", numeric: true, value: (f) => f.MemorySize },
          { key: "size", label: "Code", numeric: true, value: (f) => f.CodeSize, render: (f) => bytes(f.CodeSize) },
          { key: "modified", label: "Modified", value: (f) => f.LastModified, render: (f) => when(f.LastModified.replace(/\+0000$/, "Z")) },
        ]} />
      {fn && <FunctionPanel key={fn.FunctionName} fn={fn} close={() => setOpen(null)} />}
    </>
  );
}

function FunctionPanel({ fn, close }: { fn: Fn; close: () => void }) {
  const { session } = useApp();
  const [payload, setPayload] = useState("{}");
  const [type, setType] = useState<"RequestResponse" | "Event">("RequestResponse");
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openInvocation, setOpenInvocation] = useState<string | null>(null);
  const log = useLoad(() => internal<string>(session, "/_haneul/lambda/logs/" + encodeURIComponent(fn.FunctionName)), [fn.FunctionName]);
  const recent = invocations(log.data ?? "");
  const invoke = async () => {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      JSON.parse(payload);
      const r = await signed(session, "lambda", "POST", `${API}/${encodeURIComponent(fn.FunctionName)}/invocations`, {
        headers: { "X-Amz-Invocation-Type": type, ...(type === "RequestResponse" ? { "X-Amz-Log-Type": "Tail" } : {}) },
        body: payload,
      });
      const tail = r.headers.get("x-amz-log-result");
      setResult({ status: r.status, functionError: r.headers.get("x-amz-function-error") ?? undefined,
        version: r.headers.get("x-amz-executed-version") ?? undefined, payload: await r.text(),
        log: tail ? new TextDecoder().decode(Uint8Array.from(atob(tail), (c) => c.charCodeAt(0))) : undefined });
      await log.reload();
    } catch (e: any) {
      setError(e instanceof SyntaxError ? "The payload is not JSON: " + e.message : e.message);
    } finally {
      setBusy(false);
    }
  };
  const shown = recent.find((i) => i.requestId === openInvocation);
  return (
    <Panel id="function-h" title={fn.FunctionName} close={close} closeLabel="Close function">
      <p class="muted">{fn.FunctionArn}</p>
      <p>{fn.Runtime ?? fn.PackageType} · {fn.Handler} · {fn.MemorySize} MB · timeout {fn.Timeout} s{fn.State ? " · " + fn.State : ""}
        {fn.Description ? " · " + fn.Description : ""}</p>
      <h3>Invoke</h3>
      <form class="send" onSubmit={(e) => (e.preventDefault(), invoke())}>
        <label>Payload (JSON)<textarea name="payload" rows={4} value={payload} onInput={(e) => setPayload(e.currentTarget.value)} /></label>
        <label>Invocation type
          <select name="invocationType" value={type} onChange={(e) => setType(e.currentTarget.value as "RequestResponse" | "Event")}>
            <option value="RequestResponse">RequestResponse (wait for the answer)</option>
            <option value="Event">Event (asynchronous)</option>
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy}>{busy ? "Invoking…" : "Invoke"}</button>
      </form>
      <ErrorNote error={error} />
      {result && (
        <section aria-labelledby="result-h" data-testid="invoke-result">
          <h4 id="result-h">Status {result.status}{result.version ? ` · version ${result.version}` : ""}
            {result.functionError ? <span class="bad"> · function error ({result.functionError})</span> : null}</h4>
          <pre class="mail-text" data-testid="invoke-payload">{result.payload || "(no payload: the event was queued)"}</pre>
          {result.log && <><h4>Log tail</h4><pre class="mail-text" data-testid="invoke-log">{result.log}</pre></>}
        </section>
      )}
      <h3>Recent invocations</h3>
      <div class="toolbar"><button onClick={log.reload}>Refresh log</button></div>
      <ErrorNote error={log.error} />
      <Table<Invocation> label="Invocations" rows={recent} rowKey={(i) => i.requestId} selected={openInvocation}
        onOpen={(i) => setOpenInvocation(i.requestId)}
        empty={<p>No invocations in the log yet. Invoke the function above.</p>}
        columns={[
          { key: "id", label: "Request id", value: (i) => i.requestId, render: (i) => <code>{i.requestId}</code> },
          { key: "version", label: "Version", value: (i) => i.version ?? "" },
          { key: "status", label: "Status", value: (i) => i.status, render: (i) => <span class={i.status === "ok" ? "good" : "bad"}>{i.status}</span> },
          { key: "duration", label: "Duration (ms)", numeric: true, value: (i) => i.duration ?? 0, render: (i) => i.duration ?? "" },
          { key: "memory", label: "Max memory (MB)", numeric: true, value: (i) => i.memoryUsed ?? 0, render: (i) => i.memoryUsed ?? "" },
        ]} />
      {shown && <pre class="mail-text" data-testid="invocation-log" aria-label={"Log of " + shown.requestId}>{shown.lines.join("\n")}</pre>}
    </Panel>
  );
}
