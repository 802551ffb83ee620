// SES events per configuration set: what SES recorded for each event destination (sends, deliveries, bounces,
// complaints, opens, clicks, rejects...) from /_haneul/ses/events, narrowed to the set the mail was sent with
// (its `ses:configuration-set` tag); the sets themselves from SES v2.
import { useState } from "preact/hooks";
import { internal, restJson } from "../api";
import { ErrorNote, Table, useApp, useEvents, useLoad, when } from "../ui";

type EventRow = { messageId: string; type: string; target: string; outcome: string; timestamp: string; event: any };
type Row = EventRow & { seq: number; set: string; recipients: string; detail: string };

/** The configuration set an event belongs to: the tag SES puts on every mail sent with one. */
const setOf = (e: EventRow): string => e.event?.mail?.tags?.["ses:configuration-set"]?.[0] ?? "";

/** A short account of an event's detail: the bounce type, the complaint's feedback, the clicked link, the reason. */
function detailOf(e: any): string {
  if (e?.bounce) return `${e.bounce.bounceType}/${e.bounce.bounceSubType}`;
  if (e?.complaint) return e.complaint.complaintFeedbackType ?? "complaint";
  if (e?.delivery) return e.delivery.smtpResponse ?? "";
  if (e?.click) return e.click.link ?? "";
  if (e?.reject) return e.reject.reason ?? "";
  if (e?.deliveryDelay) return e.deliveryDelay.delayType ?? "";
  if (e?.failure) return e.failure.errorMessage ?? "";
  return "";
}

export function ConfigurationSetEvents() {
  const { session } = useApp();
  const [set, setSet] = useState("");
  const sets = useLoad(() => restJson<{ ConfigurationSets?: string[] }>(session, "ses", "GET", "/v2/email/configuration-sets?PageSize=1000")
    .then((r) => r.ConfigurationSets ?? []));
  const events = useLoad(async () => {
    const r = await internal<{ events: EventRow[] }>(session, "/_haneul/ses/events?limit=10000");
    return r.events.filter((e) => !e.type.startsWith("receipt:")).map((e, seq) => ({
      ...e, seq, set: setOf(e), recipients: (e.event?.mail?.destination ?? []).join(", "), detail: detailOf(e.event),
    })).reverse();
  });
  useEvents("ses", () => events.reload());
  const rows = (events.data ?? []).filter((e) => (set ? e.set === set : true));
  const counts = new Map<string, number>();
  rows.forEach((e) => counts.set(e.type, (counts.get(e.type) ?? 0) + 1));
  return (
    <>
      <div class="toolbar">
        <label>Configuration set
          <select name="configurationSet" value={set} onChange={(e) => setSet(e.currentTarget.value)}>
            <option value="">all sets and identity notifications</option>
            {(sets.data ?? []).map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        <button onClick={events.reload}>Refresh events</button>
      </div>
      <ErrorNote error={sets.error ?? events.error} />
      {counts.size > 0 && (
        <p data-testid="event-counts">{[...counts].sort().map(([type, n]) => `${type}: ${n}`).join(" · ")}</p>
      )}
      <Table<Row> label="Events" rows={rows} rowKey={(e) => String(e.seq)}
        empty={<p>No events{set ? ` for ${set}` : ""}. Add an event destination to a configuration set
          (<code>aws sesv2 create-configuration-set-event-destination</code>), then send with <code>--configuration-set-name</code>.</p>}
        columns={[
          { key: "time", label: "Time", value: (e) => e.seq, render: (e) => when(e.timestamp) },
          { key: "type", label: "Event", value: (e) => e.type },
          { key: "set", label: "Configuration set", value: (e) => e.set },
          { key: "recipients", label: "Recipients", value: (e) => e.recipients },
          { key: "detail", label: "Detail", value: (e) => e.detail },
          { key: "target", label: "Destination", value: (e) => e.target },
          { key: "outcome", label: "Outcome", value: (e) => e.outcome },
          { key: "message", label: "Message", value: (e) => e.messageId, render: (e) => <code>{e.messageId}</code> },
        ]} />
    </>
  );
}
