// SWF: registered domains, their workflow executions (open and closed), an execution's pending work and its
// history as a timeline; all through SWF's own API (awsJson 1.0).
import { useState } from "preact/hooks";
import { awsJson, everyPage, type Session } from "../api";
import { ErrorNote, Panel, Table, useApp, useAct, useLoad, whenSeconds } from "../ui";

const swf = <T = any>(s: Session, operation: string, input: object) => awsJson<T>(s, "swf", "SimpleWorkflowService." + operation, "1.0", input);

type Domain = { name: string; status: string; description?: string };
type Execution = { execution: { workflowId: string; runId: string }; workflowType: { name: string; version: string };
  startTimestamp: number; closeTimestamp?: number; executionStatus: string; closeStatus?: string; tagList?: string[] };
type HistoryEvent = { eventId: number; eventType: string; eventTimestamp: number } & Record<string, unknown>;

/** Every page of an SWF listing (chained by nextPageToken). */
const allPages = <T,>(call: (token?: string) => Promise<any>, key: string, max = 1000) => everyPage<T>(call, key, "nextPageToken", max);

export function Swf() {
  const { session } = useApp();
  const domains = useLoad(() => allPages<any>((t) => swf(session, "ListDomains", { registrationStatus: "REGISTERED", nextPageToken: t }), "domainInfos")
    .then((d) => d.map((x): Domain => ({ name: x.name, status: x.status, description: x.description }))));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <h1>SWF domains</h1>
      <ErrorNote error={domains.error} />
      <div class="toolbar"><button onClick={domains.reload}>Refresh</button></div>
      <Table label="Domains" rows={domains.data ?? []} rowKey={(d) => d.name} selected={open} onOpen={(d) => setOpen(d.name)}
        empty={<p>No registered domains in this account and region. Register one with <code>aws swf register-domain --name orders --workflow-execution-retention-period-in-days 1</code>.</p>}
        columns={[
          { key: "name", label: "Domain", value: (d) => d.name },
          { key: "status", label: "Status", value: (d) => d.status },
          { key: "description", label: "Description", value: (d) => d.description ?? "" },
        ]} />
      {open && <DomainPanel key={open} domain={open} close={() => setOpen(null)} />}
    </>
  );
}

function DomainPanel({ domain, close }: { domain: string; close: () => void }) {
  const { session } = useApp();
  const executions = useLoad(async () => {
    const filter = { domain, startTimeFilter: { oldestDate: 0 }, maximumPageSize: 1000 };
    const [open, closed] = await Promise.all([
      allPages<Execution>((t) => swf(session, "ListOpenWorkflowExecutions", { ...filter, nextPageToken: t }), "executionInfos"),
      allPages<Execution>((t) => swf(session, "ListClosedWorkflowExecutions", { ...filter, nextPageToken: t }), "executionInfos"),
    ]);
    return [...open, ...closed];
  });
  const [selected, setSelected] = useState<Execution | null>(null);
  const key = (e: Execution) => e.execution.workflowId + "/" + e.execution.runId;
  return (
    <Panel id="domain-h" title={"Domain " + domain} close={close} closeLabel="Close domain"
      actions={<button onClick={executions.reload}>Refresh executions</button>}>
      <ErrorNote error={executions.error} />
      <Table label="Workflow executions" rows={executions.data ?? []} rowKey={key} selected={selected && key(selected)} onOpen={setSelected}
        empty={<p>No workflow executions in this domain. Start one with <code>aws swf start-workflow-execution</code>.</p>}
        columns={[
          { key: "id", label: "Workflow id", value: (e) => e.execution.workflowId },
          { key: "type", label: "Type", value: (e) => `${e.workflowType.name} ${e.workflowType.version}` },
          { key: "status", label: "Status", value: (e) => e.closeStatus ?? e.executionStatus },
          { key: "started", label: "Started", value: (e) => e.startTimestamp, render: (e) => whenSeconds(e.startTimestamp) },
          { key: "closed", label: "Closed", value: (e) => e.closeTimestamp ?? 0, render: (e) => whenSeconds(e.closeTimestamp) },
          { key: "run", label: "Run id", value: (e) => e.execution.runId },
        ]} />
      {selected && <ExecutionView key={key(selected)} domain={domain} execution={selected} />}
    </Panel>
  );
}

/** The attributes member of a history event (e.g. workflowExecutionStartedEventAttributes), shortened for one line. */
function summary(e: HistoryEvent): string {
  const attributes = Object.entries(e).find(([k]) => k.endsWith("EventAttributes"))?.[1];
  const text = attributes ? JSON.stringify(attributes) : "";
  return text.length > 240 ? text.slice(0, 239) + "…" : text;
}

function ExecutionView({ domain, execution }: { domain: string; execution: Execution }) {
  const { session } = useApp();
  const { act, error } = useAct();
  const data = useLoad(async () => {
    const [described, events] = await Promise.all([
      swf(session, "DescribeWorkflowExecution", { domain, execution: execution.execution }),
      allPages<HistoryEvent>((t) => swf(session, "GetWorkflowExecutionHistory", { domain, execution: execution.execution, nextPageToken: t, maximumPageSize: 1000 }), "events", 5000),
    ]);
    return { described, events };
  });
  const counts = data.data?.described.openCounts ?? {};
  const start = data.data?.events[0]?.eventTimestamp ?? 0;
  return (
    <section aria-labelledby="execution-h">
      <h3 id="execution-h">Execution {execution.execution.workflowId}</h3>
      <ErrorNote error={error ?? data.error} />
      <div class="toolbar">
        <button onClick={data.reload}>Refresh history</button>
        {execution.executionStatus === "OPEN" && (
          <button class="danger" onClick={() => confirm("Terminate this execution?") && act(async () => {
            await swf(session, "TerminateWorkflowExecution", { domain, ...execution.execution, reason: "terminated from the console" });
            data.reload();
          })}>Terminate</button>
        )}
      </div>
      <section class="cards" aria-label="Pending work">
        <div class="card"><h4>Decision tasks</h4><p data-testid="open-decisions">{counts.openDecisionTasks ?? 0}</p></div>
        <div class="card"><h4>Activity tasks</h4><p data-testid="open-activities">{counts.openActivityTasks ?? 0}</p></div>
        <div class="card"><h4>Timers</h4><p>{counts.openTimers ?? 0}</p></div>
        <div class="card"><h4>Child workflows</h4><p>{counts.openChildWorkflowExecutions ?? 0}</p></div>
        <div class="card"><h4>Lambda functions</h4><p>{counts.openLambdaFunctions ?? 0}</p></div>
      </section>
      <h4>History</h4>
      <ol class="timeline" aria-label="History">
        {(data.data?.events ?? []).map((e) => (
          <li key={e.eventId} data-event={e.eventType}>
            <span class="t">+{(e.eventTimestamp - start).toFixed(1)} s</span>
            <strong>{e.eventType}</strong> <code>{summary(e)}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
