// Health, version and storage; every service with its coverage; the last requests with filters.
import { useState } from "preact/hooks";
import { internal } from "../api";
import { ErrorNote, Table, useApp, useEvents, useLoad, when } from "../ui";

type Coverage = { serviceId: string; served: boolean; operations: number; implemented: number };
type Req = { time: string; service: string; operation: string; status: number; account: string | null; region: string | null; millis: number };

export function Home() {
  const { session } = useApp();
  const health = useLoad(() => internal(session, "/_haneul/health"));
  const coverage = useLoad(() => internal(session, "/_haneul/coverage"));
  const [service, setService] = useState("");
  const [status, setStatus] = useState("");
  const requests = useLoad(() => {
    const q = new URLSearchParams({ limit: "200" });
    if (service) q.set("service", service);
    if (status) q.set("status", status);
    return internal<{ requests: Req[] }>(session, "/_haneul/requests?" + q);
  }, [service, status]);
  useEvents(null, () => requests.reload());
  const services = coverage.data ? Object.entries(coverage.data.services as Record<string, Coverage>).map(([id, c]) => ({ id, ...c })) : [];
  const h = health.data;
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
          <button onClick={requests.reload}>Refresh</button>
        </div>
        <ErrorNote error={requests.error} />
        <Table label="Recent requests" rows={requests.data?.requests ?? []} rowKey={(r) => r.time + r.operation + r.millis}
          empty={<p>No requests yet. Call any API (e.g. <code>aws --endpoint-url {location.origin} sqs list-queues</code>) and it appears here.</p>}
          columns={[
            { key: "time", label: "Time", value: (r) => r.time, render: (r) => when(r.time) },
            { key: "service", label: "Service", value: (r) => r.service },
            { key: "operation", label: "Operation", value: (r) => r.operation },
            { key: "status", label: "Status", numeric: true, value: (r) => r.status, render: (r) => <span class={r.status >= 400 ? "bad" : "good"}>{r.status}</span> },
            { key: "account", label: "Account", value: (r) => r.account ?? "" },
            { key: "ms", label: "ms", numeric: true, value: (r) => r.millis },
          ]} />
      </section>
    </>
  );
}
