// Queues with live counts; create, purge, delete; send; peek (without consuming) and receive-and-delete.
import { useState } from "preact/hooks";
import { internal, sqs } from "../api";
import { ErrorNote, Table, useApp, useEvents, useLoad, when } from "../ui";

type Queue = { url: string; name: string; visible: number; inFlight: number; delayed: number; fifo: boolean; dlq: string | null };
type Peeked = { messageId: string; body: string; sentAt: string; state: string; receiveCount: number; groupId?: string; attributes?: Record<string, { DataType: string; StringValue?: string }> };

async function loadQueues(session: any): Promise<Queue[]> {
  const list = await sqs(session, "ListQueues", { MaxResults: 1000 });
  return Promise.all((list.QueueUrls ?? []).map(async (url: string) => {
    const a = (await sqs(session, "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["All"] })).Attributes ?? {};
    const redrive = a.RedrivePolicy ? JSON.parse(a.RedrivePolicy).deadLetterTargetArn : null;
    return {
      url, name: url.slice(url.lastIndexOf("/") + 1), fifo: a.FifoQueue === "true", dlq: redrive,
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
      {queue && <QueuePanel key={queue.url} queue={queue} act={act} close={() => setSelected(null)} />}
    </>
  );
}

function QueuePanel({ queue, act, close }: { queue: Queue; act: (f: () => Promise<unknown>) => Promise<void>; close: () => void }) {
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
