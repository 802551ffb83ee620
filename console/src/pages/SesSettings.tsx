// SES beside the mailbox, through SES v2 (restJson): identities with their DKIM records, templates rendered
// with test data, and the account's suppression list.
import { useState } from "preact/hooks";
import { restJson, type Session } from "../api";
import { ErrorNote, Panel, Table, useAct, useApp, useLoad, whenSeconds } from "../ui";

const ses = <T = any>(s: Session, method: string, path: string, input?: object) => restJson<T>(s, "ses", method, "/v2/email" + path, input);
const enc = encodeURIComponent;

type Identity = { IdentityName: string; IdentityType: string; SendingEnabled: boolean; VerificationStatus?: string };

export function Identities() {
  const { session } = useApp();
  const identities = useLoad(() => ses<{ EmailIdentities: Identity[] }>(session, "GET", "/identities?PageSize=1000").then((r) => r.EmailIdentities ?? []));
  const [name, setName] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const { act, error } = useAct(identities.reload);
  return (
    <>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await ses(session, "POST", "/identities", { EmailIdentity: name });
        setName("");
      }))}>
        <label>New identity (address or domain)<input name="identity" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="example.com" required /></label>
        <button type="submit" class="primary">Create identity</button>
      </form>
      <ErrorNote error={error ?? identities.error} />
      <Table label="Identities" rows={identities.data ?? []} rowKey={(i) => i.IdentityName} selected={open} onOpen={(i) => setOpen(i.IdentityName)}
        empty={<p>No identities in this account and region. Create one above, or with <code>aws sesv2 create-email-identity --email-identity example.com</code>.</p>}
        columns={[
          { key: "name", label: "Identity", value: (i) => i.IdentityName },
          { key: "type", label: "Type", value: (i) => i.IdentityType },
          { key: "status", label: "Verification", value: (i) => i.VerificationStatus ?? "" },
          { key: "sending", label: "Sending", value: (i) => (i.SendingEnabled ? "enabled" : "disabled") },
        ]} />
      {open && <IdentityPanel key={open} name={open} close={() => setOpen(null)} deleted={() => (setOpen(null), identities.reload())} />}
    </>
  );
}

function IdentityPanel({ name, close, deleted }: { name: string; close: () => void; deleted: () => void }) {
  const { session } = useApp();
  const identity = useLoad(() => ses(session, "GET", "/identities/" + enc(name)));
  const { act, error } = useAct();
  const dkim = identity.data?.DkimAttributes;
  const domain = name.includes("@") ? name.slice(name.indexOf("@") + 1) : name;
  return (
    <Panel id="identity-h" title={name} close={close} closeLabel="Close identity" actions={
      <button class="danger" onClick={() => confirm(`Delete identity ${name}?`) && act(async () => {
        await ses(session, "DELETE", "/identities/" + enc(name));
        deleted();
      })}>Delete identity</button>}>
      <ErrorNote error={error ?? identity.error} />
      {dkim && (
        <>
          <p>DKIM: <span data-testid="dkim-status">{dkim.Status}</span> ({dkim.SigningAttributesOrigin ?? "AWS_SES"}, signing {dkim.SigningEnabled ? "on" : "off"})</p>
          <h3>DNS records to publish</h3>
          <Table label="DKIM records" rows={dkim.Tokens ?? []} rowKey={(t: string) => t}
            empty={<p>No DKIM tokens (the identity signs with its own key, or DKIM is off).</p>}
            columns={[
              { key: "name", label: "Name", value: (t: string) => `${t}._domainkey.${domain}` },
              { key: "type", label: "Type", value: () => "CNAME" },
              { key: "value", label: "Value", value: (t: string) => `${t}.dkim.amazonses.com` },
            ]} />
        </>
      )}
    </Panel>
  );
}

export function Templates() {
  const { session } = useApp();
  const templates = useLoad(() => ses(session, "GET", "/templates?PageSize=100").then((r) => (r.TemplatesMetadata ?? []) as { TemplateName: string; CreatedTimestamp?: number }[]));
  const [open, setOpen] = useState<string | null>(null);
  const [form, setForm] = useState({ name: "", subject: "", html: "", text: "" });
  const { act, error } = useAct(templates.reload);
  const field = (k: keyof typeof form) => ({ value: form[k], onInput: (e: any) => setForm({ ...form, [k]: e.currentTarget.value }) });
  return (
    <>
      <form class="send" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await ses(session, "POST", "/templates", { TemplateName: form.name, TemplateContent: { Subject: form.subject, Html: form.html || undefined, Text: form.text || undefined } });
        setForm({ name: "", subject: "", html: "", text: "" });
      }))}>
        <label>Template name<input name="templateName" {...field("name")} required /></label>
        <label>Subject<input name="templateSubject" {...field("subject")} placeholder="Hello {{name}}" required /></label>
        <label>HTML<textarea name="templateHtml" rows={2} {...field("html")} placeholder="<p>Hi {{name}}</p>" /></label>
        <label>Text<textarea name="templateText" rows={2} {...field("text")} /></label>
        <button type="submit" class="primary">Create template</button>
      </form>
      <ErrorNote error={error ?? templates.error} />
      <Table label="Templates" rows={templates.data ?? []} rowKey={(t) => t.TemplateName} selected={open} onOpen={(t) => setOpen(t.TemplateName)}
        empty={<p>No templates. Create one above, or with <code>aws sesv2 create-email-template</code>.</p>}
        columns={[
          { key: "name", label: "Template", value: (t) => t.TemplateName },
          { key: "created", label: "Created", value: (t) => t.CreatedTimestamp ?? 0, render: (t) => whenSeconds(t.CreatedTimestamp) },
        ]} />
      {open && <TemplatePanel key={open} name={open} close={() => setOpen(null)} deleted={() => (setOpen(null), templates.reload())} />}
    </>
  );
}

function TemplatePanel({ name, close, deleted }: { name: string; close: () => void; deleted: () => void }) {
  const { session } = useApp();
  const template = useLoad(() => ses(session, "GET", "/templates/" + enc(name)));
  const [data, setData] = useState("{}");
  const [rendered, setRendered] = useState<string | null>(null);
  const { act, error } = useAct();
  const content = template.data?.TemplateContent;
  return (
    <Panel id="template-h" title={name} close={close} closeLabel="Close template" actions={
      <button class="danger" onClick={() => confirm(`Delete template ${name}?`) && act(async () => {
        await ses(session, "DELETE", "/templates/" + enc(name));
        deleted();
      })}>Delete template</button>}>
      <ErrorNote error={error ?? template.error} />
      {content && <p>Subject: <code>{content.Subject}</code></p>}
      <form class="send" onSubmit={(e) => (e.preventDefault(), act(async () => {
        const r = await ses(session, "POST", `/templates/${enc(name)}/render`, { TemplateData: data });
        setRendered(r.RenderedTemplate);
      }))}>
        <label>Test data (JSON)<textarea name="templateData" rows={3} value={data} onInput={(e) => setData(e.currentTarget.value)} /></label>
        <button type="submit" class="primary">Render</button>
      </form>
      {rendered !== null && <pre class="mail-text" data-testid="rendered" aria-live="polite">{rendered}</pre>}
    </Panel>
  );
}

type Suppressed = { EmailAddress: string; Reason: string; LastUpdateTime: number };

export function Suppression() {
  const { session } = useApp();
  const list = useLoad(() => ses(session, "GET", "/suppression/addresses?PageSize=1000").then((r) => (r.SuppressedDestinationSummaries ?? []) as Suppressed[]));
  const [address, setAddress] = useState("");
  const [reason, setReason] = useState("BOUNCE");
  const { act, error } = useAct(list.reload);
  return (
    <>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await ses(session, "PUT", "/suppression/addresses", { EmailAddress: address, Reason: reason });
        setAddress("");
      }))}>
        <label>Address<input name="suppressedAddress" type="email" value={address} onInput={(e) => setAddress(e.currentTarget.value)} required /></label>
        <label>Reason<select name="reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
          <option>BOUNCE</option><option>COMPLAINT</option>
        </select></label>
        <button type="submit" class="primary">Suppress address</button>
      </form>
      <ErrorNote error={error ?? list.error} />
      <Table label="Suppressed addresses" rows={list.data ?? []} rowKey={(d) => d.EmailAddress}
        empty={<p>No suppressed addresses. SES adds bounced and complaining recipients here when the account's suppression list is on.</p>}
        columns={[
          { key: "address", label: "Address", value: (d) => d.EmailAddress },
          { key: "reason", label: "Reason", value: (d) => d.Reason },
          { key: "updated", label: "Since", value: (d) => d.LastUpdateTime, render: (d) => whenSeconds(d.LastUpdateTime) },
          { key: "actions", label: "Actions", value: () => "", render: (d) => (
            <button onClick={() => act(() => ses(session, "DELETE", "/suppression/addresses/" + enc(d.EmailAddress)))}
              aria-label={"Remove " + d.EmailAddress}>Remove</button>) },
        ]} />
    </>
  );
}
