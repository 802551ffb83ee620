// SES: the captured mailbox (SES's /_haneul/ses/messages: search, and each mail as HTML (sandboxed), text,
// headers and raw MIME), the identities, templates and suppression list (SesSettings), and the events per
// configuration set (SesEvents).
import { useState } from "preact/hooks";
import { internal } from "../api";
import { ErrorNote, Table, useApp, useEvents, useLoad, when } from "../ui";
import { Identities, Suppression, Templates } from "./SesSettings";
import { ConfigurationSetEvents } from "./SesEvents";

type Mail = { id: string; from: string; source: string; to: string[]; subject: string; timestamp: string; status: string;
  text?: string; html?: string; raw?: string; attachments?: { filename?: string; contentType?: string; size?: number }[] };

const SECTIONS = [
  { id: "mailbox", title: "SES mailbox", label: "Mailbox", view: Mailbox },
  { id: "identities", title: "SES identities", label: "Identities", view: Identities },
  { id: "templates", title: "SES templates", label: "Templates", view: Templates },
  { id: "suppression", title: "SES suppression list", label: "Suppression list", view: Suppression },
  { id: "events", title: "SES events", label: "Events", view: ConfigurationSetEvents },
];

export function Ses() {
  const [section, setSection] = useState(SECTIONS[0]);
  const View = section.view;
  return (
    <>
      <h1>{section.title}</h1>
      <nav class="tabs" aria-label="SES sections">
        {SECTIONS.map((s) => (
          <button key={s.id} aria-pressed={s === section} onClick={() => setSection(s)}>{s.label}</button>
        ))}
      </nav>
      <View key={section.id} />
    </>
  );
}

function Mailbox() {
  const { session } = useApp();
  const list = useLoad(() => internal<{ messages: Mail[] }>(session, "/_haneul/ses/messages?raw=false&limit=500"));
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvents("ses", () => list.reload(), (e) => e.type === "mail.captured");
  const q = search.toLowerCase();
  const rows = (list.data?.messages ?? []).filter((m) =>
    !q || [m.subject, m.from, m.source, ...(m.to ?? [])].some((v) => (v ?? "").toLowerCase().includes(q)));
  return (
    <>
      <div class="toolbar">
        <label>Search<input type="search" name="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="subject, sender or recipient" /></label>
        <button class="danger" disabled={!list.data?.messages.length} onClick={async () => {
          if (!confirm("Delete every captured mail you can see?")) return;
          try {
            await internal(session, "/_haneul/ses/messages", { method: "DELETE" });
            setOpen(null);
            list.reload();
          } catch (e: any) {
            setError(e.message);
          }
        }}>Delete all</button>
      </div>
      <ErrorNote error={error ?? list.error} />
      <Table label="Mail" rows={rows} rowKey={(m) => m.id} selected={open} onOpen={(m) => setOpen(m.id)}
        empty={search ? <p>No mail matches “{search}”.</p>
          : <p>No mail captured yet. Send one with SES (e.g. <code>aws ses send-email</code>) or over SMTP; it shows here at once.</p>}
        columns={[
          { key: "time", label: "Received", value: (m) => m.timestamp, render: (m) => when(m.timestamp) },
          { key: "from", label: "From", value: (m) => m.from ?? m.source },
          { key: "to", label: "To", value: (m) => (m.to ?? []).join(", ") },
          { key: "subject", label: "Subject", value: (m) => m.subject ?? "" },
          { key: "status", label: "Status", value: (m) => m.status ?? "" },
        ]} />
      {open && <MailView key={open} id={open} close={() => setOpen(null)} />}
    </>
  );
}

const TABS = ["HTML", "Text", "Headers", "Raw"] as const;

function MailView({ id, close }: { id: string; close: () => void }) {
  const { session } = useApp();
  const mail = useLoad(() => internal<Mail>(session, "/_haneul/ses/messages/" + encodeURIComponent(id)));
  const [tab, setTab] = useState<(typeof TABS)[number]>("HTML");
  const m = mail.data;
  const headers = m?.raw ? m.raw.slice(0, Math.max(0, m.raw.search(/\r?\n\r?\n/))) : "";
  return (
    <section class="panel" aria-labelledby="mail-h">
      <div class="panel-head">
        <h2 id="mail-h">{m?.subject ?? "…"}</h2>
        <button onClick={close} aria-label="Close mail">Close</button>
      </div>
      <ErrorNote error={mail.error} />
      {m && (
        <>
          <p class="muted">From {m.from ?? m.source} to {(m.to ?? []).join(", ")} · {when(m.timestamp)}</p>
          {m.attachments && m.attachments.length > 0 && (
            <p>Attachments: {m.attachments.map((a) => `${a.filename ?? "unnamed"} (${a.contentType ?? "?"})`).join(", ")}</p>
          )}
          <div role="tablist" aria-label="Views of the mail" class="tabs">
            {TABS.map((t) => (
              <button key={t} role="tab" id={"tab-" + t} aria-selected={tab === t} aria-controls="mail-view" onClick={() => setTab(t)}>{t}</button>
            ))}
          </div>
          <div id="mail-view" role="tabpanel" aria-labelledby={"tab-" + tab}>
            {tab === "HTML" && (m.html
              ? <iframe title="HTML of the mail" sandbox="" srcDoc={m.html} class="mail-html" />
              : <p>This mail has no HTML part; see Text.</p>)}
            {tab === "Text" && <pre class="mail-text">{m.text ?? "(no text part)"}</pre>}
            {tab === "Headers" && <pre class="mail-text">{headers}</pre>}
            {tab === "Raw" && <pre class="mail-text">{m.raw}</pre>}
          </div>
        </>
      )}
    </section>
  );
}
