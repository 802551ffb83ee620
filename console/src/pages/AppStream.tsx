// AppStream 2.0: fleets (start, stop, capacity), stacks with their fleets, the sessions of a stack and fleet,
// and a streaming URL made for a user (opened in a new tab), through AppStream's own API (awsJson 1.1).
import { useState } from "preact/hooks";
import { awsJson, everyPage, type Session } from "../api";
import { ErrorNote, Panel, Table, useAct, useApp, useLoad, usePolling, whenSeconds } from "../ui";

const appstream = <T = any>(s: Session, operation: string, input: object = {}, signal?: AbortSignal) =>
  awsJson<T>(s, "appstream", "PhotonAdminProxyService." + operation, "1.1", input, signal);

type Fleet = { Name: string; State: string; FleetType?: string; InstanceType?: string; ImageName?: string;
  ComputeCapacityStatus?: { Desired?: number; Running?: number; InUse?: number; Available?: number } };
type Stack = { Name: string; Arn?: string; CreatedTime?: number; fleets: string[] };
type StreamSession = { Id: string; UserId: string; StackName: string; FleetName: string; State: string; ConnectionState?: string; StartTime?: number };

export function AppStream() {
  const { session } = useApp();
  const data = useLoad(async (signal) => {
    const [fleets, stacks] = await Promise.all([
      everyPage<Fleet>((t) => appstream(session, "DescribeFleets", { NextToken: t }, signal), "Fleets"),
      everyPage<Omit<Stack, "fleets">>((t) => appstream(session, "DescribeStacks", { NextToken: t }, signal), "Stacks"),
    ]);
    const withFleets = await Promise.all(stacks.map(async (s): Promise<Stack> =>
      ({ ...s, fleets: await everyPage<string>((t) => appstream(session, "ListAssociatedFleets", { StackName: s.Name, NextToken: t }, signal), "Names") })));
    return { fleets, stacks: withFleets };
  });
  usePolling((data.data?.fleets ?? []).some((f) => f.State === "STARTING" || f.State === "STOPPING"), data.reload);
  const { act, error } = useAct(data.reload);
  const [open, setOpen] = useState<string | null>(null);
  const stack = data.data?.stacks.find((s) => s.Name === open) ?? null;
  return (
    <>
      <h1>AppStream 2.0</h1>
      <ErrorNote error={error ?? data.error} />
      <h2>Fleets</h2>
      <Table label="Fleets" rows={data.data?.fleets ?? []} rowKey={(f) => f.Name}
        empty={<p>No fleets in this account and region. Create one with <code>aws appstream create-fleet --name apps --image-name Haneul-Xterm --instance-type stream.standard.small --compute-capacity DesiredInstances=1</code>.</p>}
        columns={[
          { key: "name", label: "Fleet", value: (f) => f.Name },
          { key: "state", label: "State", value: (f) => f.State },
          { key: "type", label: "Type", value: (f) => f.FleetType ?? "" },
          { key: "image", label: "Image", value: (f) => f.ImageName ?? "" },
          { key: "capacity", label: "In use / running", value: (f) => f.ComputeCapacityStatus?.InUse ?? 0,
            render: (f) => `${f.ComputeCapacityStatus?.InUse ?? 0} / ${f.ComputeCapacityStatus?.Running ?? 0}` },
          { key: "actions", label: "Actions", value: () => "", render: (f) => (
            f.State === "STOPPED" ? <button onClick={() => act(() => appstream(session, "StartFleet", { Name: f.Name }))} aria-label={"Start fleet " + f.Name}>Start</button>
              : f.State === "RUNNING" ? <button onClick={() => act(() => appstream(session, "StopFleet", { Name: f.Name }))} aria-label={"Stop fleet " + f.Name}>Stop</button>
                : "") },
        ]} />
      <h2>Stacks</h2>
      <Table label="Stacks" rows={data.data?.stacks ?? []} rowKey={(s) => s.Name} selected={open} onOpen={(s) => setOpen(s.Name)}
        empty={<p>No stacks. Create one with <code>aws appstream create-stack --name desk</code> and associate a fleet with it.</p>}
        columns={[
          { key: "name", label: "Stack", value: (s) => s.Name },
          { key: "fleets", label: "Fleets", value: (s) => s.fleets.join(", ") },
          { key: "created", label: "Created", value: (s) => s.CreatedTime ?? 0, render: (s) => whenSeconds(s.CreatedTime) },
        ]} />
      {stack && <StackPanel key={stack.Name} stack={stack} fleets={data.data!.fleets} close={() => setOpen(null)} />}
    </>
  );
}

function StackPanel({ stack, fleets, close }: { stack: Stack; fleets: Fleet[]; close: () => void }) {
  const { session } = useApp();
  const [fleet, setFleet] = useState(stack.fleets[0] ?? "");
  const [user, setUser] = useState("");
  const [url, setUrl] = useState<string | null>(null);
  const sessions = useLoad(() => fleet
    ? everyPage<StreamSession>((t) => appstream(session, "DescribeSessions", { StackName: stack.Name, FleetName: fleet, NextToken: t }), "Sessions")
    : Promise.resolve([]), [fleet]);
  const { act, error } = useAct(sessions.reload);
  const running = fleets.find((f) => f.Name === fleet)?.State === "RUNNING";
  return (
    <Panel id="stack-h" title={"Stack " + stack.Name} close={close} closeLabel="Close stack">
      {stack.fleets.length === 0 ? <p>No fleet is associated with this stack (<code>aws appstream associate-fleet</code>).</p> : (
        <>
          <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
            const r = await appstream(session, "CreateStreamingURL", { StackName: stack.Name, FleetName: fleet, UserId: user, Validity: 300 });
            setUrl(r.StreamingURL);
          }))}>
            <label>Fleet<select name="fleet" value={fleet} onChange={(e) => setFleet(e.currentTarget.value)}>
              {stack.fleets.map((f) => <option key={f}>{f}</option>)}
            </select></label>
            <label>User id<input name="userId" value={user} onInput={(e) => setUser(e.currentTarget.value)} placeholder="ana" required /></label>
            <button type="submit" class="primary" disabled={!running} title={running ? undefined : "start the fleet first"}>Create streaming URL</button>
            <button type="button" onClick={sessions.reload}>Refresh sessions</button>
          </form>
          {!running && <p class="muted">The fleet must be running to stream.</p>}
          {url && <p aria-live="polite">Streaming URL (valid 5 minutes): <a href={url} target="_blank" rel="noopener" data-testid="streaming-url">open the session</a></p>}
          <ErrorNote error={error ?? sessions.error} />
          <h3>Sessions</h3>
          <Table label="Sessions" rows={sessions.data ?? []} rowKey={(s) => s.Id}
            empty={<p>No sessions on this stack and fleet. A session starts when a streaming URL is opened.</p>}
            columns={[
              { key: "user", label: "User", value: (s) => s.UserId },
              { key: "state", label: "State", value: (s) => s.State },
              { key: "connection", label: "Connection", value: (s) => s.ConnectionState ?? "" },
              { key: "started", label: "Started", value: (s) => s.StartTime ?? 0, render: (s) => whenSeconds(s.StartTime) },
              { key: "actions", label: "Actions", value: () => "", render: (s) => (
                <button class="danger" onClick={() => act(() => appstream(session, "ExpireSession", { SessionId: s.Id }))}
                  aria-label={"End session of " + s.UserId}>End</button>) },
            ]} />
        </>
      )}
    </Panel>
  );
}
