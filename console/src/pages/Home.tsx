// Health, version and storage; every service with its coverage; the last requests with filters, each one's
// parsed input and output while recording is on, and a chart of their calls and errors per service.
import { useState } from "preact/hooks";
import { internal } from "../api";
import { BarChart, ErrorNote, Panel, Table, useApp, useEvents, useLoad, when, type Bar } from "../ui";

type Coverage = { serviceId: string; served: boolean; operations: number; implemented: number };
type Req = { id: number; time: string; service: string; operation: string; status: number; account: string | null; region: string | null;
  millis: number; recorded: boolean; input?: string | null; output?: string | null };

export function Home() {
  const { session } = useApp();
  const health = useLoad(() => internal(session, "/_haneul/health"));
  const coverage = useLoad(() => internal(session, "/_haneul/coverage"));
  const [service, setService] = useState("");
  const [status, setStatus] = useState("");
  const requests = useLoad(() => {
    const q = new URLSearchParams({ limit: "1000" });
    if (service) q.set("service", service);
    if (status) q.set("status", status);
    return internal<{ recording: boolean; requests: Req[] }>(session, "/_haneul/requests?" + q);
  }, [service, status]);
  const [open, setOpen] = useState<number | null>(null);
  const [recordError, setRecordError] = useState<string | null>(null);
  // the box shows what was asked for until the server's answer is read back
  const [asked, setAsked] = useState<boolean | null>(null);
  const record = async (on: boolean) => {
    setRecordError(null);
    setAsked(on);
    try {
      await internal(session, "/_haneul/requests/recording?on=" + on, { method: "POST" });
      await requests.reload();
    } catch (e: any) {
      setRecordError(e.message);
    }
    setAsked(null);
  };
  useEvents(null, () => requests.reload());
  const services = coverage.data ? Object.entries(coverage.data.services as Record<string, Coverage>).map(([id, c]) => ({ id, ...c })) : [];
  const h = health.data;
  const bars = perService(requests.data?.requests ?? []);
  return (
    <>
      <h1>Home</h1>
      <ErrorNote error={health.error ?? coverage.error} />
      {h && (
        <section class="cards" aria-label="Server">
          <div class="card"><h2>Status</h2><p data-testid="status">{h.status}</p></div>
          <div class="card"><h2>Version</h2><p data-testid="version">{h.version}</p></div>
          <div class="card"><h2>Storage</h2><p data-testid="storage">{h.storage}</p></div>
          {coverage.data && <div class="card"><h2>Coverage</h2><p>{coverage.data.implemented} of {coverage.data.operations} operations</p></div>}
        </section>
      )}
      <section aria-labelledby="services-h">
        <h2 id="services-h">Services</h2>
        <Table label="Services" rows={services} rowKey={(s) => s.id} empty={<p>Loading services…</p>} columns={[
          { key: "id", label: "Model", value: (s) => s.id },
          { key: "name", label: "Service", value: (s) => s.serviceId },
          { key: "state", label: "State", value: (s) => (h?.services?.[s.id] ?? (s.served ? "running" : "off")) },
          { key: "ops", label: "Operations", numeric: true, value: (s) => s.implemented, render: (s) => `${s.implemented} / ${s.operations}` },
          { key: "pct", label: "Coverage", numeric: true, value: (s) => (s.operations ? s.implemented / s.operations : 0),
            render: (s) => <meter min={0} max={1} value={s.operations ? s.implemented / s.operations : 0} aria-label={s.id + " coverage"} /> },
        ]} />
      </section>
      <section aria-labelledby="requests-h">
        <h2 id="requests-h">Recent requests</h2>
        <div class="toolbar">
          <label>Service
            <select value={service} onChange={(e) => setService(e.currentTarget.value)}>
              <option value="">all</option>
              {[...new Set(services.map((s) => s.id.split("-")[0]))].map((s) => <option key={s}>{s}</option>)}
            </select>
          </label>
          <label>Status
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">all</option><option>2xx</option><option>4xx</option><option>5xx</option>
            </select>
          </label>
          <label class="check">
            <input type="checkbox" name="recording" checked={asked ?? requests.data?.recording ?? false}
              onChange={(e) => record(e.currentTarget.checked)} />
            Record parsed input and output
          </label>
          <button onClick={requests.reload}>Refresh</button>
        </div>
        <ErrorNote error={requests.error ?? recordError} />
        <BarChart label="Calls and errors per service" bars={bars} totalLabel="calls" partLabel="errors (status 400 and above)" />
        <Table label="Recent requests" rows={requests.data?.requests ?? []} rowKey={(r) => String(r.id)} selected={open === null ? null : String(open)}
          onOpen={(r) => setOpen(r.id)}
          empty={<p>No requests yet. Call any API (e.g. <code>aws --endpoint-url {location.origin} sqs list-queues</code>) and it appears here.</p>}
          columns={[
            { key: "time", label: "Time", value: (r) => r.time, render: (r) => when(r.time) },
            { key: "service", label: "Service", value: (r) => r.service },
            { key: "operation", label: "Operation", value: (r) => r.operation },
            { key: "status", label: "Status", numeric: true, value: (r) => r.status, render: (r) => <span class={r.status >= 400 ? "bad" : "good"}>{r.status}</span> },
            { key: "account", label: "Account", value: (r) => r.account ?? "" },
            { key: "ms", label: "ms", numeric: true, value: (r) => r.millis },
            { key: "recorded", label: "Input/output", value: (r) => (r.recorded ? "recorded" : ""), render: (r) => (r.recorded ? "recorded" : "") },
          ]} />
        {open !== null && <CallPanel key={open} id={open} close={() => setOpen(null)} />}
      </section>
    </>
  );
}

/** Calls and errors (status 400 and above) per service, the busiest first. */
function perService(requests: Req[]): Bar[] {
  const by = new Map<string, Bar>();
  for (const r of requests) {
    const b = by.get(r.service) ?? { name: r.service, total: 0, part: 0 };
    b.total++;
    if (r.status >= 400) b.part++;
    by.set(r.service, b);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)).slice(0, 12);
}

/** One request with its recorded input and output (read by id: a listing carries none of them). */
function CallPanel({ id, close }: { id: number; close: () => void }) {
  const { session } = useApp();
  const call = useLoad(() => internal<{ requests: Req[] }>(session, "/_haneul/requests?id=" + id).then((r) => r.requests[0] ?? null));
  const r = call.data;
  return (
    <Panel id="call-h" title={r ? `${r.service} ${r.operation} · ${r.status}` : "Request"} close={close} closeLabel="Close request">
      <ErrorNote error={call.error} />
      {call.data === null && <p>This request is no longer in the log (it keeps the last 1000).</p>}
      {r && <p class="muted">{when(r.time)} · {r.account ?? "no account"} · {r.region ?? ""} · {r.millis} ms</p>}
      {r && (r.input == null && r.output == null
        ? <p>Input and output were not recorded for this request. Tick "Record parsed input and output" and call again.</p>
        : <>
          <h3>Input</h3><pre class="mail-text" data-testid="call-input">{r.input ?? "(not recorded: an operation Haneul answers without SDK classes)"}</pre>
          <h3>{r.status >= 400 ? "Error" : "Output"}</h3><pre class="mail-text" data-testid="call-output">{r.output ?? "(none)"}</pre>
        </>)}
    </Panel>
  );
}
