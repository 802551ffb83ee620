// API Gateway: REST APIs (v1) and HTTP and WebSocket APIs (v2) together, an API's routes and stages with their
// invoke URLs (the path form on Haneul's host, which resolves everywhere), and a try-it panel that calls a stage.
import { useState } from "preact/hooks";
import { restJson } from "../api";
import { ErrorNote, Panel, Table, useApp, useLoad, whenSeconds } from "../ui";

type Api = { id: string; name: string; kind: "REST" | "HTTP" | "WEBSOCKET"; created?: number; description?: string };
type Stage = { name: string; deploymentId?: string; autoDeploy?: boolean; updated?: number };
type Route = { key: string };

/** The invoke URL of a stage: `/_aws/execute-api/{api}/{stage}/`; an HTTP API's $default stage has no stage segment. */
function invokeUrl(api: Api, stage: string): string {
  const base = `${location.origin}/_aws/execute-api/${api.id}/`;
  const url = api.kind === "HTTP" && stage === "$default" ? base : base + encodeURIComponent(stage) + (api.kind === "WEBSOCKET" ? "" : "/");
  return api.kind === "WEBSOCKET" ? url.replace(/^http/, "ws") : url;
}

export function ApiGateway() {
  const { session } = useApp();
  const apis = useLoad(async () => {
    const [rest, v2] = await Promise.all([
      restJson(session, "apigateway", "GET", "/restapis?limit=500"),
      restJson(session, "apigateway", "GET", "/v2/apis?maxResults=500"),
    ]);
    return [
      ...(rest.item ?? []).map((a: any): Api => ({ id: a.id, name: a.name, kind: "REST", created: a.createdDate, description: a.description })),
      ...(v2.items ?? []).map((a: any): Api => ({ id: a.apiId, name: a.name, kind: a.protocolType, created: a.createdDate, description: a.description })),
    ];
  });
  const [open, setOpen] = useState<string | null>(null);
  const api = apis.data?.find((a) => a.id === open) ?? null;
  return (
    <>
      <h1>API Gateway</h1>
      <ErrorNote error={apis.error} />
      <div class="toolbar"><button onClick={apis.reload}>Refresh</button></div>
      <Table label="APIs" rows={apis.data ?? []} rowKey={(a) => a.id} selected={open} onOpen={(a) => setOpen(a.id)}
        empty={<p>No APIs in this account and region. Create one with <code>aws apigateway create-rest-api --name pets</code> or <code>aws apigatewayv2 create-api --name pets --protocol-type HTTP</code>.</p>}
        columns={[
          { key: "name", label: "Name", value: (a) => a.name },
          { key: "kind", label: "Type", value: (a) => a.kind },
          { key: "id", label: "API id", value: (a) => a.id },
          { key: "created", label: "Created", value: (a) => a.created ?? 0, render: (a) => whenSeconds(a.created) },
          { key: "description", label: "Description", value: (a) => a.description ?? "" },
        ]} />
      {api && <ApiPanel key={api.id} api={api} close={() => setOpen(null)} />}
    </>
  );
}

function ApiPanel({ api, close }: { api: Api; close: () => void }) {
  const { session } = useApp();
  const detail = useLoad<{ stages: Stage[]; routes: Route[] }>(async () => {
    if (api.kind === "REST") {
      const [stages, resources] = await Promise.all([
        restJson(session, "apigateway", "GET", `/restapis/${api.id}/stages`),
        restJson(session, "apigateway", "GET", `/restapis/${api.id}/resources?limit=500`),
      ]);
      return {
        stages: (stages.item ?? []).map((s: any): Stage => ({ name: s.stageName, deploymentId: s.deploymentId, updated: s.lastUpdatedDate ?? s.createdDate })),
        routes: (resources.item ?? []).flatMap((r: any): Route[] => Object.keys(r.resourceMethods ?? {}).map((m) => ({ key: `${m} ${r.path}` }))),
      };
    }
    const [stages, routes] = await Promise.all([
      restJson(session, "apigateway", "GET", `/v2/apis/${api.id}/stages?maxResults=500`),
      restJson(session, "apigateway", "GET", `/v2/apis/${api.id}/routes?maxResults=500`),
    ]);
    return {
      stages: (stages.items ?? []).map((s: any): Stage => ({ name: s.stageName, deploymentId: s.deploymentId, autoDeploy: s.autoDeploy, updated: s.lastUpdatedDate ?? s.createdDate })),
      routes: (routes.items ?? []).map((r: any): Route => ({ key: r.routeKey })),
    };
  });
  const stages: Stage[] = detail.data?.stages ?? [];
  return (
    <Panel id="api-h" title={`${api.name} (${api.kind})`} close={close} closeLabel="Close API">
      <ErrorNote error={detail.error} />
      <div class="split">
        <div>
          <h3>Routes</h3>
          <Table label="Routes" rows={detail.data?.routes ?? []} rowKey={(r) => r.key}
            empty={<p>No routes or methods yet.</p>}
            columns={[{ key: "route", label: "Route", value: (r) => r.key }]} />
        </div>
        <div>
          <h3>Stages</h3>
          <Table label="Stages" rows={stages} rowKey={(s) => s.name}
            empty={<p>No stages: deploy the API (<code>aws apigateway create-deployment --stage-name dev</code>) to invoke it.</p>}
            columns={[
              { key: "name", label: "Stage", value: (s) => s.name },
              { key: "url", label: "Invoke URL", value: (s) => invokeUrl(api, s.name), render: (s) => <code>{invokeUrl(api, s.name)}</code> },
              { key: "deployment", label: "Deployment", value: (s) => s.deploymentId ?? (s.autoDeploy ? "auto-deploy" : "") },
              { key: "updated", label: "Updated", value: (s) => s.updated ?? 0, render: (s) => whenSeconds(s.updated) },
            ]} />
        </div>
      </div>
      {api.kind !== "WEBSOCKET" && stages.length > 0 && <TryIt api={api} stages={stages} />}
    </Panel>
  );
}

/** Calls a stage's invoke URL from the browser, unsigned as a website's visitor would. */
function TryIt({ api, stages }: { api: Api; stages: Stage[] }) {
  const [stage, setStage] = useState(stages[0].name);
  const [method, setMethod] = useState("GET");
  const [path, setPath] = useState("");
  const [body, setBody] = useState("");
  const [answer, setAnswer] = useState<{ status: number; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setError(null);
    try {
      const r = await fetch(invokeUrl(api, stage) + path.replace(/^\//, ""), {
        method, body: method === "GET" || method === "HEAD" ? undefined : body, headers: body ? { "Content-Type": "application/json" } : {},
      });
      setAnswer({ status: r.status, body: await r.text() });
    } catch (e: any) {
      setError(e.message);
    }
  };
  return (
    <section aria-labelledby="try-h">
      <h3 id="try-h">Try it</h3>
      <form class="send" onSubmit={(e) => (e.preventDefault(), send())}>
        <label>Stage<select name="stage" value={stage} onChange={(e) => setStage(e.currentTarget.value)}>
          {stages.map((s) => <option key={s.name}>{s.name}</option>)}
        </select></label>
        <label>Method<select name="method" value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
          {["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => <option key={m}>{m}</option>)}
        </select></label>
        <label>Path<input name="path" value={path} onInput={(e) => setPath(e.currentTarget.value)} placeholder="pets/1" /></label>
        <label>Body<textarea name="requestBody" rows={2} value={body} onInput={(e) => setBody(e.currentTarget.value)} /></label>
        <button type="submit" class="primary">Send request</button>
      </form>
      <ErrorNote error={error} />
      {answer && (
        <div aria-live="polite" data-testid="try-answer">
          <p>Status <span class={answer.status >= 400 ? "bad" : "good"}>{answer.status}</span></p>
          <pre class="mail-text">{answer.body}</pre>
        </div>
      )}
    </section>
  );
}
