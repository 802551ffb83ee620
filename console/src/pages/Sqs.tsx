// Queues with live counts; create, purge, delete; send; peek (without consuming) and receive-and-delete.
import { useState } from "preact/hooks";
import { internal, sqs } from "../api";
import { ErrorNote, Table, useApp, useEvents, useLoad, usePolling, when } from "../ui";

type Queue = { url: string; arn: string; name: string; visible: number; inFlight: number; delayed: number; fifo: boolean; dlq: string | null };
type Peeked = { messageId: string; body: string; sentAt: string; state: string; receiveCount: number; groupId?: string; attributes?: Record<string, { DataType: string; StringValue?: string }> };

async function loadQueues(session: any): Promise<Queue[]> {
  const list = await sqs(session, "ListQueues", { MaxResults: 1000 });
  return Promise.all((list.QueueUrls ?? []).map(async (url: string) => {
    const a = (await sqs(session, "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["All"] })).Attributes ?? {};
    const redrive = a.RedrivePolicy ? JSON.parse(a.RedrivePolicy).deadLetterTargetArn : null;
    return {
      url, arn: a.QueueArn ?? "", name: url.slice(url.lastIndexOf("/") + 1), fifo: a.FifoQueue === "true", dlq: redrive,
      visible: Number(a.ApproximateNumberOfMessages ?? 0), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
      delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
    };
  }));
}

export function Sqs() {
  const { session } = useApp();
  const queues = useLoad(() => loadQueues(session));
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [fifo, setFifo] = useState(false);
  useEvents("sqs", () => queues.reload());
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      queues.reload();
    } catch (e: any) {
      setError(e.message);
    }
  };
  const queue = queues.data?.find((q) => q.url === selected) ?? null;
  return (
    <>
      <h1>SQS queues</h1>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        const qn = fifo && !name.endsWith(".fifo") ? name + ".fifo" : name;
        await sqs(session, "CreateQueue", { QueueName: qn, Attributes: fifo ? { FifoQueue: "true" } : {} });
        setName("");
      }))}>
        <label>New queue<input name="queueName" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="orders" required /></label>
        <label class="check"><input type="checkbox" checked={fifo} onChange={(e) => setFifo(e.currentTarget.checked)} />FIFO</label>
        <button type="submit" class="primary">Create queue</button>
      </form>
      <ErrorNote error={error ?? queues.error} />
      <Table label="Queues" rows={queues.data ?? []} rowKey={(q) => q.url} selected={selected} onOpen={(q) => setSelected(q.url)}
        empty={<p>No queues in this account and region. Create one above, or with <code>aws sqs create-queue --queue-name orders</code>.</p>}
        columns={[
          { key: "name", label: "Name", value: (q) => q.name },
          { key: "visible", label: "Visible", numeric: true, value: (q) => q.visible },
          { key: "inFlight", label: "In flight", numeric: true, value: (q) => q.inFlight },
          { key: "delayed", label: "Delayed", numeric: true, value: (q) => q.delayed },
          { key: "type", label: "Type", value: (q) => (q.fifo ? "FIFO" : "Standard") },
          { key: "dlq", label: "Dead-letter queue", value: (q) => (q.dlq ? q.dlq.slice(q.dlq.lastIndexOf(":") + 1) : "") },
        ]} />
      {queue && <QueuePanel key={queue.url} queue={queue} act={act} close={() => setSelected(null)}
        sources={(queues.data ?? []).filter((q) => q.dlq === queue.arn)} reloadQueues={queues.reload} />}
    </>
  );
}

function QueuePanel({ queue, act, close, sources, reloadQueues }: {
  queue: Queue; act: (f: () => Promise<unknown>) => Promise<void>; close: () => void; sources: Queue[]; reloadQueues: () => void;
}) {
  const { session } = useApp();
  const [body, setBody] = useState("");
  const [delay, setDelay] = useState("0");
  const [group, setGroup] = useState("");
  const [attrs, setAttrs] = useState("");
  const [received, setReceived] = useState<{ MessageId: string; Body: string }[] | null>(null);
  const peek = useLoad(() => internal<{ messages: Peeked[] }>(session,
    `/_haneul/sqs/messages?region=${encodeURIComponent(session.region)}&queue=${encodeURIComponent(queue.name)}&limit=50`));
  useEvents("sqs", () => peek.reload());
  const send = () => act(async () => {
    const attributes: Record<string, object> = {};
    for (const line of attrs.split("\n").filter((l) => l.includes("="))) {
      const [k, ...v] = line.split("=");
      attributes[k.trim()] = { DataType: "String", StringValue: v.join("=").trim() };
    }
    await sqs(session, "SendMessage", {
      QueueUrl: queue.url, MessageBody: body, MessageAttributes: attributes,
      ...(queue.fifo ? { MessageGroupId: group || "default", MessageDeduplicationId: crypto.randomUUID() } : { DelaySeconds: Number(delay) }),
    });
    setBody("");
  });
  const receive = () => act(async () => {
    const r = await sqs(session, "ReceiveMessage", { QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 });
    const messages = r.Messages ?? [];
    for (const m of messages) await sqs(session, "DeleteMessage", { QueueUrl: queue.url, ReceiptHandle: m.ReceiptHandle });
    setReceived(messages);
  });
  return (
    <section class="panel" aria-labelledby="queue-h">
      <div class="panel-head">
        <h2 id="queue-h">{queue.name}</h2>
        <div>
          <button onClick={() => confirm(`Purge every message of ${queue.name}?`) && act(() => sqs(session, "PurgeQueue", { QueueUrl: queue.url }))}>Purge</button>
          <button class="danger" onClick={() => confirm(`Delete queue ${queue.name}?`) && act(async () => {
            await sqs(session, "DeleteQueue", { QueueUrl: queue.url });
            close();
          })}>Delete queue</button>
          <button onClick={close} aria-label="Close queue">Close</button>
        </div>
      </div>
      <p class="muted">{queue.url}</p>
      <form class="send" onSubmit={(e) => (e.preventDefault(), send())}>
        <label>Message body<textarea name="body" value={body} onInput={(e) => setBody(e.currentTarget.value)} rows={3} required /></label>
        <label>Attributes (one name=value a line)<textarea name="attributes" value={attrs} onInput={(e) => setAttrs(e.currentTarget.value)} rows={2} /></label>
        {queue.fifo
          ? <label>Message group id<input name="groupId" value={group} onInput={(e) => setGroup(e.currentTarget.value)} placeholder="default" /></label>
          : <label>Delay (seconds)<input name="delay" type="number" min={0} max={900} value={delay} onInput={(e) => setDelay(e.currentTarget.value)} /></label>}
        <button type="submit" class="primary">Send message</button>
      </form>
      <div class="toolbar">
        <button onClick={peek.reload}>Peek</button>
        <button onClick={receive}>Receive and delete</button>
      </div>
      {received && (
        <div class="received" aria-live="polite">
          <h3>Received and deleted ({received.length})</h3>
          {received.length === 0 ? <p>No message was visible.</p> : <ul>{received.map((m) => <li key={m.MessageId}><code>{m.Body}</code></li>)}</ul>}
        </div>
      )}
      {sources.length > 0 && <Redrive queue={queue} sources={sources} act={act} reloadQueues={reloadQueues} />}
      <h3>Messages (peek: nothing is received)</h3>
      <ErrorNote error={peek.error} />
      <Table label="Messages" rows={peek.data?.messages ?? []} rowKey={(m) => m.messageId}
        empty={<p>The queue is empty. Send a message above.</p>}
        columns={[
          { key: "body", label: "Body", value: (m) => m.body, render: (m) => <code class="body">{m.body}</code> },
          { key: "state", label: "State", value: (m) => m.state },
          { key: "sent", label: "Sent", value: (m) => m.sentAt, render: (m) => when(m.sentAt) },
          { key: "receives", label: "Receives", numeric: true, value: (m) => m.receiveCount },
          { key: "attrs", label: "Attributes", value: (m) => Object.entries(m.attributes ?? {}).map(([k, v]) => `${k}=${v.StringValue ?? v.DataType}`).join(", ") },
          { key: "id", label: "Message id", value: (m) => m.messageId },
        ]} />
    </section>
  );
}

type MoveTask = { TaskHandle?: string; Status: string; SourceArn: string; DestinationArn?: string; ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove?: number; MaxNumberOfMessagesPerSecond?: number; FailureReason?: string; StartedTimestamp: number };

/**
 * Dead-letter queue redrive for a queue that is some queue's dead-letter queue: StartMessageMoveTask back to the
 * source queues (no destination) or to one queue, the last tasks (ListMessageMoveTasks) and cancelling a running one.
 */
function Redrive({ queue, sources, act, reloadQueues }: {
  queue: Queue; sources: Queue[]; act: (f: () => Promise<unknown>) => Promise<void>; reloadQueues: () => void;
}) {
  const { session } = useApp();
  const [destination, setDestination] = useState("");
  const [rate, setRate] = useState("");
  const tasks = useLoad(() => sqs<{ Results?: MoveTask[] }>(session, "ListMessageMoveTasks", { SourceArn: queue.arn, MaxResults: 10 })
    .then((r) => r.Results ?? []));
  useEvents("sqs", () => tasks.reload());
  // a move changes the counts of both queues: both are read again while a task runs
  usePolling((tasks.data ?? []).some((t) => t.Status === "RUNNING"), () => (tasks.reload(), reloadQueues()));
  return (
    <section aria-labelledby="redrive-h">
      <h3 id="redrive-h">Dead-letter redrive</h3>
      <p class="muted">Dead-letter queue of {sources.map((q) => q.name).join(", ")}.</p>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await sqs(session, "StartMessageMoveTask", {
          SourceArn: queue.arn, ...(destination ? { DestinationArn: destination } : {}),
          ...(rate ? { MaxNumberOfMessagesPerSecond: Number(rate) } : {}),
        });
        tasks.reload();
      }))}>
        <label>Move messages to
          <select name="destination" value={destination} onChange={(e) => setDestination(e.currentTarget.value)}>
            <option value="">their source queues</option>
            {sources.map((q) => <option key={q.arn} value={q.arn}>{q.name}</option>)}
          </select>
        </label>
        <label>Messages a second (optional)<input name="rate" type="number" min={1} max={500} value={rate} onInput={(e) => setRate(e.currentTarget.value)} /></label>
        <button type="submit" class="primary">Start redrive</button>
      </form>
      <ErrorNote error={tasks.error} />
      <Table label="Redrive tasks" rows={tasks.data ?? []} rowKey={(t) => t.TaskHandle ?? String(t.StartedTimestamp)}
        empty={<p>No redrive has run from this queue.</p>}
        columns={[
          { key: "started", label: "Started", value: (t) => t.StartedTimestamp, render: (t) => when(t.StartedTimestamp) },
          { key: "status", label: "Status", value: (t) => t.Status },
          { key: "moved", label: "Moved", numeric: true, value: (t) => t.ApproximateNumberOfMessagesMoved,
            render: (t) => `${t.ApproximateNumberOfMessagesMoved} of ${t.ApproximateNumberOfMessagesToMove ?? "?"}` },
          { key: "destination", label: "Destination", value: (t) => (t.DestinationArn ? t.DestinationArn.slice(t.DestinationArn.lastIndexOf(":") + 1) : "source queues") },
          { key: "failure", label: "Failure", value: (t) => t.FailureReason ?? "" },
          { key: "actions", label: "Actions", value: () => "", render: (t) => t.Status === "RUNNING" && t.TaskHandle ? (
            <button onClick={() => act(async () => {
              await sqs(session, "CancelMessageMoveTask", { TaskHandle: t.TaskHandle });
              tasks.reload();
            })}>Cancel</button>) : "" },
        ]} />
    </section>
  );
}
