// SageMaker: training jobs (status, transitions, final metrics, metric curves from the job's log, the log
// itself) and endpoints with a predict panel (InvokeEndpoint), through SageMaker's own APIs.
import { useState } from "preact/hooks";
import { awsJson, internal, signed, type Session } from "../api";
import { ErrorNote, LineChart, Panel, Table, useAct, useApp, useLoad, usePolling, whenSeconds, type Series } from "../ui";

const sagemaker = <T = any>(s: Session, operation: string, input: object = {}) => awsJson<T>(s, "sagemaker", "SageMaker." + operation, "1.1", input);

type JobSummary = { TrainingJobName: string; TrainingJobStatus: string; CreationTime: number; TrainingEndTime?: number };
type EndpointSummary = { EndpointName: string; EndpointStatus: string; CreationTime: number; LastModifiedTime?: number };
const ACTIVE = new Set(["InProgress", "Stopping", "Creating", "Updating", "SystemUpdating", "Deleting"]);

/**
 * Per-round metrics from log lines such as XGBoost's "[3]\ttrain-logloss:0.12\tvalidation-logloss:0.2": one series
 * per metric name, x the round.
 */
function metricCurves(lines: string[]): Series[] {
  const series = new Map<string, [number, number][]>();
  for (const line of lines) {
    const m = /^\[(\d+)\]\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const pair of m[2].split(/\s+/)) {
      const kv = /^([\w.-]+):(-?[\d.]+(?:e-?\d+)?)$/.exec(pair);
      if (kv) series.set(kv[1], [...(series.get(kv[1]) ?? []), [Number(m[1]), Number(kv[2])]]);
    }
  }
  return [...series].map(([name, points]) => ({ name, points }));
}

export function SageMaker() {
  const { session } = useApp();
  const jobs = useLoad(() => sagemaker<{ TrainingJobSummaries: JobSummary[] }>(session, "ListTrainingJobs",
    { MaxResults: 100, SortBy: "CreationTime", SortOrder: "Descending" }).then((r) => r.TrainingJobSummaries ?? []));
  const endpoints = useLoad(() => sagemaker<{ Endpoints: EndpointSummary[] }>(session, "ListEndpoints",
    { MaxResults: 100, SortBy: "CreationTime", SortOrder: "Descending" }).then((r) => r.Endpoints ?? []));
  usePolling([...(jobs.data ?? []).map((j) => j.TrainingJobStatus), ...(endpoints.data ?? []).map((e) => e.EndpointStatus)].some((s) => ACTIVE.has(s)),
    () => (jobs.reload(), endpoints.reload()), 2000);
  const [job, setJob] = useState<string | null>(null);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  return (
    <>
      <h1>SageMaker</h1>
      <ErrorNote error={jobs.error ?? endpoints.error} />
      <h2>Training jobs</h2>
      <Table label="Training jobs" rows={jobs.data ?? []} rowKey={(j) => j.TrainingJobName} selected={job} onOpen={(j) => setJob(j.TrainingJobName)}
        empty={<p>No training jobs in this account and region. Start one with the SDK (<code>CreateTrainingJob</code>, e.g. the built-in XGBoost on CSV in S3).</p>}
        columns={[
          { key: "name", label: "Name", value: (j) => j.TrainingJobName },
          { key: "status", label: "Status", value: (j) => j.TrainingJobStatus },
          { key: "created", label: "Created", value: (j) => j.CreationTime, render: (j) => whenSeconds(j.CreationTime) },
          { key: "ended", label: "Ended", value: (j) => j.TrainingEndTime ?? 0, render: (j) => whenSeconds(j.TrainingEndTime) },
        ]} />
      {job && <TrainingJob key={job} name={job} close={() => setJob(null)} />}
      <h2>Endpoints</h2>
      <Table label="Endpoints" rows={endpoints.data ?? []} rowKey={(e) => e.EndpointName} selected={endpoint} onOpen={(e) => setEndpoint(e.EndpointName)}
        empty={<p>No endpoints. Deploy a model with <code>CreateModel</code>, <code>CreateEndpointConfig</code> and <code>CreateEndpoint</code>.</p>}
        columns={[
          { key: "name", label: "Name", value: (e) => e.EndpointName },
          { key: "status", label: "Status", value: (e) => e.EndpointStatus },
          { key: "created", label: "Created", value: (e) => e.CreationTime, render: (e) => whenSeconds(e.CreationTime) },
        ]} />
      {endpoint && <Predict key={endpoint} name={endpoint} close={() => setEndpoint(null)} />}
    </>
  );
}

function TrainingJob({ name, close }: { name: string; close: () => void }) {
  const { session } = useApp();
  const detail = useLoad(async () => {
    const [job, log] = await Promise.all([
      sagemaker(session, "DescribeTrainingJob", { TrainingJobName: name }),
      internal<{ events: { message: string }[] }>(session, "/_haneul/sagemaker/logs/TrainingJobs/" + encodeURIComponent(name) + "?limit=10000")
        .catch(() => ({ events: [] })),
    ]);
    return { job, lines: log.events.map((e) => e.message) };
  });
  usePolling(ACTIVE.has(detail.data?.job.TrainingJobStatus), detail.reload, 2000);
  const { act, error } = useAct(detail.reload);
  const j = detail.data?.job;
  return (
    <Panel id="job-h" title={name} close={close} closeLabel="Close training job" actions={j && ACTIVE.has(j.TrainingJobStatus) &&
      <button class="danger" onClick={() => act(() => sagemaker(session, "StopTrainingJob", { TrainingJobName: name }))}>Stop</button>}>
      <ErrorNote error={error ?? detail.error} />
      {j && (
        <>
          <p><span data-testid="job-status">{j.TrainingJobStatus}</span> · {j.SecondaryStatus}{j.FailureReason ? " · " + j.FailureReason : ""}</p>
          <p class="muted">{j.AlgorithmSpecification?.TrainingImage ?? j.AlgorithmSpecification?.AlgorithmName}</p>
          <div class="split">
            <div>
              <h3>Status transitions</h3>
              <ol class="timeline" aria-label="Status transitions">
                {(j.SecondaryStatusTransitions ?? []).map((t: any) => (
                  <li key={t.Status + t.StartTime}><span class="t">{whenSeconds(t.StartTime)}</span><strong>{t.Status}</strong> {t.StatusMessage}</li>
                ))}
              </ol>
            </div>
            <div>
              <h3>Final metrics</h3>
              <Table label="Final metrics" rows={j.FinalMetricDataList ?? []} rowKey={(m: any) => m.MetricName}
                empty={<p>No metrics yet.</p>}
                columns={[
                  { key: "name", label: "Metric", value: (m: any) => m.MetricName },
                  { key: "value", label: "Value", numeric: true, value: (m: any) => m.Value },
                ]} />
            </div>
          </div>
          <h3>Metric curves</h3>
          <LineChart label={"Metrics of " + name + " per round"} series={metricCurves(detail.data!.lines)} />
          <h3>Log</h3>
          <pre class="mail-text" data-testid="training-log">{detail.data!.lines.join("\n") || "(no log lines yet)"}</pre>
        </>
      )}
    </Panel>
  );
}

function Predict({ name, close }: { name: string; close: () => void }) {
  const { session } = useApp();
  const [type, setType] = useState("text/csv");
  const [body, setBody] = useState("");
  const [answer, setAnswer] = useState<string | null>(null);
  const { act, error } = useAct();
  return (
    <Panel id="endpoint-h" title={name} close={close} closeLabel="Close endpoint">
      <form class="send" onSubmit={(e) => (e.preventDefault(), act(async () => {
        const r = await signed(session, "sagemaker", "POST", `/endpoints/${encodeURIComponent(name)}/invocations`,
          { headers: { "Content-Type": type, Accept: type === "text/csv" ? "text/csv" : "application/json" }, body });
        setAnswer(await r.text());
      }))}>
        <label>Content type<select name="contentType" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          <option>text/csv</option><option>application/json</option>
        </select></label>
        <label>Input<textarea name="payload" rows={3} value={body} onInput={(e) => setBody(e.currentTarget.value)} placeholder="0.5,1.2,-0.3" required /></label>
        <button type="submit" class="primary">Predict</button>
      </form>
      <ErrorNote error={error} />
      {answer !== null && <pre class="mail-text" data-testid="prediction" aria-live="polite">{answer}</pre>}
    </Panel>
  );
}
