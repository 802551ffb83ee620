// Topics and their subscriptions; create and delete topics; subscribe; publish; the outbox of recorded
// deliveries (SMS, push, email-json, firehose...) from /_haneul/sns/outbox; the delivery log of every attempt
// (outcome, status code, retries) per subscription from /_haneul/sns/deliveries.
import { useState } from "preact/hooks";
import { internal, query } from "../api";
import { ErrorNote, Table, useApp, useEvents, useLoad, when } from "../ui";

const V = "2010-03-31";
type Topic = { arn: string; name: string; subscriptions: number };
type Sub = { arn: string; protocol: string; endpoint: string; topicArn: string };
type Attempt = { id: number; timestamp: string; subscriptionArn: string; protocol: string; endpoint: string; messageId?: string;
  attempt: number; outcome: string; statusCode?: number; detail?: string; retryAt?: string };
type Outboxed = { id: number; protocol: string; target: string; topicArn?: string; subject?: string; message: string; timestamp: string };

const members = (doc: Document, tag: string) => [...doc.getElementsByTagName(tag)];
const text = (el: Element, tag: string) => el.getElementsByTagName(tag)[0]?.textContent ?? "";

export function Sns() {
  const { session } = useApp();
  const [name, setName] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const data = useLoad(async () => {
    const [topics, subs] = await Promise.all([query(session, "sns", V, "ListTopics"), query(session, "sns", V, "ListSubscriptions")]);
    const subscriptions: Sub[] = members(subs, "member").map((m) => ({
      arn: text(m, "SubscriptionArn"), protocol: text(m, "Protocol"), endpoint: text(m, "Endpoint"), topicArn: text(m, "TopicArn"),
    }));
    const list: Topic[] = members(topics, "TopicArn").map((t) => {
      const arn = t.textContent ?? "";
      return { arn, name: arn.slice(arn.lastIndexOf(":") + 1), subscriptions: subscriptions.filter((s) => s.topicArn === arn).length };
    });
    return { topics: list, subscriptions };
  });
  useEvents("sns", () => data.reload());
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      data.reload();
    } catch (e: any) {
      setError(e.message);
    }
  };
  const topic = data.data?.topics.find((t) => t.arn === open) ?? null;
  return (
    <>
      <h1>SNS topics</h1>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await query(session, "sns", V, "CreateTopic", { Name: name });
        setName("");
      }))}>
        <label>New topic<input name="topicName" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="orders" required /></label>
        <button type="submit" class="primary">Create topic</button>
      </form>
      <ErrorNote error={error ?? data.error} />
      <Table label="Topics" rows={data.data?.topics ?? []} rowKey={(t) => t.arn} selected={open} onOpen={(t) => setOpen(t.arn)}
        empty={<p>No topics in this account and region. Create one above, or with <code>aws sns create-topic --name orders</code>.</p>}
        columns={[
          { key: "name", label: "Name", value: (t) => t.name },
          { key: "subs", label: "Subscriptions", numeric: true, value: (t) => t.subscriptions },
          { key: "arn", label: "ARN", value: (t) => t.arn },
        ]} />
      {topic && <TopicPanel key={topic.arn} topic={topic} subs={data.data!.subscriptions.filter((s) => s.topicArn === topic.arn)}
        act={act} close={() => setOpen(null)} />}
    </>
  );
}

function TopicPanel({ topic, subs, act, close }: { topic: Topic; subs: Sub[]; act: (f: () => Promise<unknown>) => Promise<void>; close: () => void }) {
  const { session } = useApp();
  const [protocol, setProtocol] = useState("sqs");
  const [endpoint, setEndpoint] = useState("");
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const [published, setPublished] = useState<string | null>(null);
  const outbox = useLoad(() => internal<{ messages: Outboxed[] }>(session, "/_haneul/sns/outbox?limit=1000"));
  useEvents("sns", () => outbox.reload());
  const rows = (outbox.data?.messages ?? []).filter((m) => m.topicArn === topic.arn).reverse();
  return (
    <section class="panel" aria-labelledby="topic-h">
      <div class="panel-head">
        <h2 id="topic-h">{topic.name}</h2>
        <div>
          <button class="danger" onClick={() => confirm(`Delete topic ${topic.name}?`) && act(async () => {
            await query(session, "sns", V, "DeleteTopic", { TopicArn: topic.arn });
            close();
          })}>Delete topic</button>
          <button onClick={close} aria-label="Close topic">Close</button>
        </div>
      </div>
      <p class="muted">{topic.arn}</p>
      <form class="send" onSubmit={(e) => (e.preventDefault(), act(async () => {
        const doc = await query(session, "sns", V, "Publish", { TopicArn: topic.arn, Message: message, ...(subject ? { Subject: subject } : {}) });
        setPublished(doc.getElementsByTagName("MessageId")[0]?.textContent ?? null);
        setMessage("");
        outbox.reload();
      }))}>
        <label>Subject<input name="subject" value={subject} onInput={(e) => setSubject(e.currentTarget.value)} /></label>
        <label>Message<textarea name="message" value={message} onInput={(e) => setMessage(e.currentTarget.value)} rows={3} required /></label>
        <button type="submit" class="primary">Publish</button>
      </form>
      {published && <p aria-live="polite" data-testid="published">Published message {published}</p>}
      <h3>Subscriptions</h3>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await query(session, "sns", V, "Subscribe", { TopicArn: topic.arn, Protocol: protocol, Endpoint: endpoint, ReturnSubscriptionArn: "true" });
        setEndpoint("");
      }))}>
        <label>Protocol
          <select name="protocol" value={protocol} onChange={(e) => setProtocol(e.currentTarget.value)}>
            {["sqs", "lambda", "http", "https", "email", "email-json", "sms", "firehose"].map((p) => <option key={p}>{p}</option>)}
          </select>
        </label>
        <label>Endpoint<input name="endpoint" value={endpoint} onInput={(e) => setEndpoint(e.currentTarget.value)} placeholder="arn:aws:sqs:…" required /></label>
        <button type="submit">Subscribe</button>
      </form>
      <Table label="Subscriptions" rows={subs} rowKey={(s) => s.arn}
        empty={<p>No subscriptions. Subscribe a queue, a function, an address or a URL above.</p>}
        columns={[
          { key: "protocol", label: "Protocol", value: (s) => s.protocol },
          { key: "endpoint", label: "Endpoint", value: (s) => s.endpoint },
          { key: "arn", label: "Subscription", value: (s) => s.arn },
          { key: "actions", label: "Actions", value: () => "", render: (s) => s.arn.startsWith("arn:") ? (
            <button onClick={(e) => (e.stopPropagation(), act(() => query(session, "sns", V, "Unsubscribe", { SubscriptionArn: s.arn })))}
              aria-label={"Unsubscribe " + s.endpoint}>Unsubscribe</button>) : s.arn },
        ]} />
      <DeliveryLog topicArn={topic.arn} subs={subs} />
      <h3>Outbox (deliveries recorded instead of sent)</h3>
      <div class="toolbar"><button onClick={outbox.reload}>Refresh outbox</button></div>
      <ErrorNote error={outbox.error} />
      <Table label="Outbox" rows={rows} rowKey={(m) => String(m.id)}
        empty={<p>Nothing recorded for this topic. Deliveries to sms, email-json, application, firehose and lambda subscriptions show here.</p>}
        columns={[
          { key: "time", label: "Time", value: (m) => m.timestamp, render: (m) => when(m.timestamp) },
          { key: "protocol", label: "Protocol", value: (m) => m.protocol },
          { key: "target", label: "Target", value: (m) => m.target },
          { key: "message", label: "Message", value: (m) => m.message, render: (m) => <code class="body">{m.message}</code> },
        ]} />
    </section>
  );
}

const OUTCOME_CLASS: Record<string, string> = { DELIVERED: "good", RETRYING: "", REFUSED: "bad", FAILED: "bad" };

/** Every delivery attempt of the topic (this node's newest 200), narrowed to one subscription, live. */
function DeliveryLog({ topicArn, subs }: { topicArn: string; subs: Sub[] }) {
  const { session } = useApp();
  const [sub, setSub] = useState("");
  const log = useLoad(() => {
    const q = new URLSearchParams({ topicArn, limit: "200" });
    if (sub) q.set("subscriptionArn", sub);
    return internal<{ deliveries: Attempt[] }>(session, "/_haneul/sns/deliveries?" + q);
  }, [topicArn, sub]);
  useEvents("sns", () => log.reload(), (e) => e.type === "delivery.attempted" && e.detail.topicArn === topicArn);
  return (
    <>
      <h3>Delivery log</h3>
      <div class="toolbar">
        <label>Subscription
          <select name="deliverySubscription" value={sub} onChange={(e) => setSub(e.currentTarget.value)}>
            <option value="">all subscriptions</option>
            {subs.filter((s) => s.arn.startsWith("arn:")).map((s) => <option key={s.arn} value={s.arn}>{s.protocol}: {s.endpoint}</option>)}
          </select>
        </label>
        <button onClick={log.reload}>Refresh log</button>
      </div>
      <ErrorNote error={log.error} />
      <Table label="Delivery log" rows={log.data?.deliveries ?? []} rowKey={(d) => String(d.id)}
        empty={<p>No delivery attempts yet. Publish a message above; each attempt to a queue, URL, function or mailbox shows here with its outcome.</p>}
        columns={[
          { key: "time", label: "Time", value: (d) => d.id, render: (d) => when(d.timestamp) },
          { key: "endpoint", label: "Endpoint", value: (d) => d.protocol + " " + d.endpoint, render: (d) => <>{d.protocol}: <code>{d.endpoint}</code></> },
          { key: "message", label: "Message", value: (d) => d.messageId ?? "" },
          { key: "attempt", label: "Attempt", numeric: true, value: (d) => d.attempt },
          { key: "outcome", label: "Outcome", value: (d) => d.outcome, render: (d) => <span class={OUTCOME_CLASS[d.outcome] ?? ""}>{d.outcome.toLowerCase()}</span> },
          { key: "status", label: "Status", numeric: true, value: (d) => d.statusCode ?? 0, render: (d) => d.statusCode ?? "" },
          { key: "detail", label: "Detail", value: (d) => d.detail ?? "",
            render: (d) => <>{d.detail}{d.retryAt ? <> (next try {when(d.retryAt)})</> : null}</> },
        ]} />
    </>
  );
}
