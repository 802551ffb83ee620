// Elastic Transcoder: pipelines (restJson API) and their jobs with progress bars (/_haneul/transcoder/jobs, the
// percentage the API's Job shape has no member for), refreshed every second while a job is running.
import { useState } from "preact/hooks";
import { internal, restJson } from "../api";
import { ErrorNote, Panel, Table, useAct, useApp, useLoad, usePolling } from "../ui";

type Pipeline = { Id: string; Name: string; Status: string; InputBucket: string; OutputBucket?: string; ContentConfig?: { Bucket?: string }; Role: string };
type Output = { Key?: string; PresetId?: string; Status?: string; StatusDetail?: string; Duration?: number };
type JobRow = { id: string; region: string; pipelineId: string; status: string; progress: number;
  job: { Input?: { Key?: string }; Inputs?: { Key?: string }[]; Outputs?: Output[]; OutputKeyPrefix?: string; Timing?: { SubmitTimeMillis?: number } } };

const RUNNING = new Set(["Submitted", "Progressing"]);

export function Transcoder() {
  const { session } = useApp();
  const pipelines = useLoad(() => restJson<{ Pipelines: Pipeline[] }>(session, "elastictranscoder", "GET", "/2012-09-25/pipelines").then((r) => r.Pipelines ?? []));
  const [open, setOpen] = useState<string | null>(null);
  const pipeline = pipelines.data?.find((p) => p.Id === open) ?? null;
  return (
    <>
      <h1>Elastic Transcoder pipelines</h1>
      <ErrorNote error={pipelines.error} />
      <div class="toolbar"><button onClick={pipelines.reload}>Refresh</button></div>
      <Table label="Pipelines" rows={pipelines.data ?? []} rowKey={(p) => p.Id} selected={open} onOpen={(p) => setOpen(p.Id)}
        empty={<p>No pipelines in this account and region. Create one with <code>aws elastictranscoder create-pipeline --name videos --input-bucket in --output-bucket out --role arn:aws:iam::000000000000:role/Elastic_Transcoder_Default_Role</code>.</p>}
        columns={[
          { key: "name", label: "Name", value: (p) => p.Name },
          { key: "status", label: "Status", value: (p) => p.Status },
          { key: "input", label: "Input bucket", value: (p) => p.InputBucket },
          { key: "output", label: "Output bucket", value: (p) => p.OutputBucket ?? p.ContentConfig?.Bucket ?? "" },
          { key: "id", label: "Pipeline id", value: (p) => p.Id },
        ]} />
      {pipeline && <JobsPanel key={pipeline.Id} pipeline={pipeline} close={() => setOpen(null)} />}
    </>
  );
}

function JobsPanel({ pipeline, close }: { pipeline: Pipeline; close: () => void }) {
  const { session } = useApp();
  const jobs = useLoad(() => internal<{ jobs: JobRow[] }>(session, "/_haneul/transcoder/jobs?limit=1000")
    .then((r) => r.jobs.filter((j) => j.pipelineId === pipeline.Id && j.region === session.region)));
  const { act, error } = useAct(jobs.reload);
  const [key, setKey] = useState("");
  const [preset, setPreset] = useState("1351620000001-000010");
  const [output, setOutput] = useState("");
  usePolling((jobs.data ?? []).some((j) => RUNNING.has(j.status)), jobs.reload);
  return (
    <Panel id="pipeline-h" title={pipeline.Name} close={close} closeLabel="Close pipeline">
      <p class="muted">{pipeline.Id} · role {pipeline.Role}</p>
      <form class="send" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await restJson(session, "elastictranscoder", "POST", "/2012-09-25/jobs", {
          PipelineId: pipeline.Id, Input: { Key: key }, Outputs: [{ Key: output, PresetId: preset }],
        });
        setOutput("");
      }))}>
        <label>Input key<input name="inputKey" value={key} onInput={(e) => setKey(e.currentTarget.value)} placeholder="uploads/clip.mp4" required /></label>
        <label>Preset id<input name="presetId" value={preset} onInput={(e) => setPreset(e.currentTarget.value)} required /></label>
        <label>Output key<input name="outputKey" value={output} onInput={(e) => setOutput(e.currentTarget.value)} placeholder="clip-720p.mp4" required /></label>
        <button type="submit" class="primary">Create job</button>
      </form>
      <ErrorNote error={error ?? jobs.error} />
      <h3>Jobs</h3>
      <Table label="Jobs" rows={jobs.data ?? []} rowKey={(j) => j.id}
        empty={<p>No jobs in this pipeline. Create one above, or with <code>aws elastictranscoder create-job</code>.</p>}
        columns={[
          { key: "input", label: "Input", value: (j) => j.job.Input?.Key ?? j.job.Inputs?.[0]?.Key ?? "" },
          { key: "status", label: "Status", value: (j) => j.status },
          { key: "progress", label: "Progress", numeric: true, value: (j) => j.progress,
            render: (j) => <><progress max={100} value={j.progress} aria-label={"Progress of job " + j.id} /> {j.progress}%</> },
          { key: "outputs", label: "Outputs", value: (j) => (j.job.Outputs ?? []).map((o) => o.Key).join(", "),
            render: (j) => <ul>{(j.job.Outputs ?? []).map((o) => <li key={o.Key}>{(j.job.OutputKeyPrefix ?? "") + o.Key} · {o.Status}{o.StatusDetail ? ": " + o.StatusDetail : ""}</li>)}</ul> },
          { key: "id", label: "Job id", value: (j) => j.id },
          { key: "actions", label: "Actions", value: () => "", render: (j) => j.status === "Submitted" ? (
            <button onClick={(e) => (e.stopPropagation(), act(() => restJson(session, "elastictranscoder", "DELETE", `/2012-09-25/jobs/${j.id}`)))}
              aria-label={"Cancel job " + j.id}>Cancel</button>) : "" },
        ]} />
    </Panel>
  );
}
