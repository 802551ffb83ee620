// A bucket's versions (restore one by copying it over the current object), its multipart uploads in progress
// (abort), and an object's tags (view, edit): the S3 APIs (ListObjectVersions, CopyObject with a versionId,
// ListMultipartUploads, AbortMultipartUpload, Get/PutObjectTagging, Get/PutBucketVersioning).
import { useState } from "preact/hooks";
import { s3, xml, type Session } from "../api";
import { ErrorNote, Table, bytes, useAct, useApp, useEvents, useLoad, when } from "../ui";

export const enc = (key: string) => key.split("/").map(encodeURIComponent).join("/");

/**
 * Whether the console can name the key in a URL: a "." or ".." segment ("a/../b") is resolved away by the browser's
 * URL parser whatever its escaping (%2E counts as a dot), so the call would reach another object, or the bucket
 * itself. Actions on such a key are disabled, with {@link UNADDRESSABLE} said why.
 */
export const addressable = (key: string) => !key.split("/").some((segment) => segment === "." || segment === "..");
export const UNADDRESSABLE = "This key has a \".\" or \"..\" segment, which a browser resolves away in a URL, so the console "
  + "cannot address it: use the AWS CLI or an SDK.";
export const text = (el: Element | Document, tag: string) => el.getElementsByTagName(tag)[0]?.textContent ?? "";

/**
 * A signed S3 call whose body S3 requires a checksum of (PutObjectTagging, PutBucketVersioning): SHA-256 in
 * x-amz-checksum-sha256, which browsers compute (they have no MD5 for Content-MD5).
 */
async function s3WithChecksum(session: Session, method: string, path: string, body: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const sha256 = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return s3(session, method, path, { body, headers: { "Content-Type": "application/xml", "x-amz-checksum-sha256": sha256 } });
}

/** Says why some rows' actions are disabled, when a listing holds a key the console cannot address. */
export const UnaddressableNote = ({ keys }: { keys: string[] }) =>
  keys.some((k) => !addressable(k)) ? <p role="note" data-testid="unaddressable">{UNADDRESSABLE}</p> : null;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

type Version = { key: string; versionId: string; latest: boolean; deleteMarker: boolean; modified: string; size: number };

/** Every version and delete marker under the prefix (up to 1000), newest first per key; restore copies one over the current. */
export function Versions({ bucket, prefix }: { bucket: string; prefix: string }) {
  const { session } = useApp();
  const status = useLoad(async () => text(xml(await (await s3(session, "GET", `/${encodeURIComponent(bucket)}?versioning`)).text()), "Status"));
  const list = useLoad(async () => {
    const q = new URLSearchParams({ prefix, "max-keys": "1000" });
    const doc = xml(await (await s3(session, "GET", `/${encodeURIComponent(bucket)}?versions&${q}`)).text());
    const read = (el: Element, deleteMarker: boolean): Version => ({
      key: text(el, "Key"), versionId: text(el, "VersionId"), latest: text(el, "IsLatest") === "true", deleteMarker,
      modified: text(el, "LastModified"), size: Number(text(el, "Size") || 0),
    });
    return [...doc.documentElement.children].filter((c) => c.tagName === "Version" || c.tagName === "DeleteMarker")
      .map((c) => read(c, c.tagName === "DeleteMarker"));
  }, [prefix]);
  useEvents("s3", () => list.reload(), (e) => e.detail.bucket === bucket);
  const { error, act } = useAct(() => {
    list.reload();
    status.reload();
  });
  const setVersioning = (to: "Enabled" | "Suspended") => act(() => s3WithChecksum(session, "PUT", `/${encodeURIComponent(bucket)}?versioning`,
    `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>${to}</Status></VersioningConfiguration>`));
  const restore = (v: Version) => act(() => s3(session, "PUT", `/${encodeURIComponent(bucket)}/${enc(v.key)}`, {
    headers: { "x-amz-copy-source": `/${encodeURIComponent(bucket)}/${enc(v.key)}?versionId=${encodeURIComponent(v.versionId)}` },
  }));
  const state = status.data || "never enabled";
  return (
    <section aria-labelledby="versions-h">
      <h2 id="versions-h">Versions</h2>
      <div class="toolbar">
        <span data-testid="versioning">Versioning: {state}</span>
        {status.data === "Enabled"
          ? <button onClick={() => setVersioning("Suspended")}>Suspend versioning</button>
          : <button class="primary" onClick={() => setVersioning("Enabled")}>Enable versioning</button>}
        <button onClick={list.reload}>Refresh versions</button>
      </div>
      <ErrorNote error={error ?? status.error ?? list.error} />
      <UnaddressableNote keys={(list.data ?? []).map((v) => v.key)} />
      <Table<Version> label="Versions" rows={list.data ?? []} rowKey={(v) => v.key + "\u0000" + v.versionId}
        empty={<p>No versions here. Enable versioning, then write an object twice: each write keeps the one before as a version.</p>}
        columns={[
          { key: "key", label: "Key", value: (v) => v.key },
          { key: "version", label: "Version", value: (v) => v.versionId, render: (v) => <code>{v.versionId}</code> },
          { key: "state", label: "State", value: (v) => (v.deleteMarker ? "delete marker" : v.latest ? "current" : "previous") },
          { key: "size", label: "Size", numeric: true, value: (v) => v.size, render: (v) => (v.deleteMarker ? "" : bytes(v.size)) },
          { key: "modified", label: "Modified", value: (v) => v.modified, render: (v) => when(v.modified) },
          { key: "actions", label: "Actions", value: () => "", render: (v) => v.latest || v.deleteMarker ? null : (
            <button onClick={() => restore(v)} aria-label={`Restore ${v.key} version ${v.versionId}`} disabled={!addressable(v.key)}
              title={addressable(v.key) ? undefined : UNADDRESSABLE}>Restore</button>) },
        ]} />
    </section>
  );
}

type Upload = { key: string; uploadId: string; initiated: string; storageClass: string };

/** Multipart uploads begun and neither completed nor aborted (their parts take space); abort one. */
export function Uploads({ bucket, prefix }: { bucket: string; prefix: string }) {
  const { session } = useApp();
  const list = useLoad(async () => {
    const q = new URLSearchParams({ prefix, "max-uploads": "1000" });
    const doc = xml(await (await s3(session, "GET", `/${encodeURIComponent(bucket)}?uploads&${q}`)).text());
    return [...doc.getElementsByTagName("Upload")].map((u) => ({
      key: text(u, "Key"), uploadId: text(u, "UploadId"), initiated: text(u, "Initiated"), storageClass: text(u, "StorageClass"),
    }));
  }, [prefix]);
  const { error, act } = useAct(() => list.reload());
  return (
    <section aria-labelledby="uploads-h">
      <h2 id="uploads-h">Multipart uploads in progress</h2>
      <div class="toolbar"><button onClick={list.reload}>Refresh uploads</button></div>
      <ErrorNote error={error ?? list.error} />
      <UnaddressableNote keys={(list.data ?? []).map((u) => u.key)} />
      <Table<Upload> label="Uploads in progress" rows={list.data ?? []} rowKey={(u) => u.uploadId}
        empty={<p>No multipart uploads in progress. An upload that was begun (CreateMultipartUpload) and never completed shows here.</p>}
        columns={[
          { key: "key", label: "Key", value: (u) => u.key },
          { key: "initiated", label: "Initiated", value: (u) => u.initiated, render: (u) => when(u.initiated) },
          { key: "class", label: "Storage class", value: (u) => u.storageClass },
          { key: "id", label: "Upload id", value: (u) => u.uploadId, render: (u) => <code>{u.uploadId.slice(0, 16)}…</code> },
          { key: "actions", label: "Actions", value: () => "", render: (u) => (
            <button class="danger" aria-label={"Abort upload of " + u.key} disabled={!addressable(u.key)}
              title={addressable(u.key) ? undefined : UNADDRESSABLE} onClick={() => confirm(`Abort the upload of ${u.key}?`) && act(() =>
              s3(session, "DELETE", `/${encodeURIComponent(bucket)}/${enc(u.key)}?uploadId=${encodeURIComponent(u.uploadId)}`))}>Abort</button>) },
        ]} />
    </section>
  );
}

type Tag = { key: string; value: string };

/**
 * An object's tags as an editable list; Save replaces the set (PutObjectTagging), as S3 does. Nothing for a key the
 * console cannot address (the preview says why).
 */
export function Tags({ bucket, objectKey }: { bucket: string; objectKey: string }) {
  return addressable(objectKey) ? <EditableTags bucket={bucket} objectKey={objectKey} /> : null;
}

function EditableTags({ bucket, objectKey }: { bucket: string; objectKey: string }) {
  const { session } = useApp();
  const path = `/${encodeURIComponent(bucket)}/${enc(objectKey)}?tagging`;
  const [edited, setEdited] = useState<Tag[] | null>(null);
  const [saved, setSaved] = useState(false);
  const tags = useLoad(async () => [...xml(await (await s3(session, "GET", path)).text()).getElementsByTagName("Tag")]
    .map((t) => ({ key: text(t, "Key"), value: text(t, "Value") })), [path]);
  const { error, act } = useAct(() => {
    setEdited(null);
    setSaved(true);
    tags.reload();
  });
  const rows = edited ?? tags.data ?? [];
  const change = (i: number, field: keyof Tag, v: string) => {
    setSaved(false);
    setEdited(rows.map((t, j) => (j === i ? { ...t, [field]: v } : t)));
  };
  const save = () => act(() => s3WithChecksum(session, "PUT", path, "<Tagging><TagSet>" + rows.filter((t) => t.key)
    .map((t) => `<Tag><Key>${escapeXml(t.key)}</Key><Value>${escapeXml(t.value)}</Value></Tag>`).join("") + "</TagSet></Tagging>"));
  return (
    <form class="tags" aria-labelledby="tags-h" onSubmit={(e) => (e.preventDefault(), save())}>
      <h3 id="tags-h">Tags</h3>
      <ErrorNote error={error ?? tags.error} />
      {rows.length === 0 && <p>No tags. Add one (up to 10 per object) to use it in lifecycle rules and policies.</p>}
      {rows.map((t, i) => (
        <div class="toolbar" key={i}>
          <label>Tag key<input name={"tagKey" + i} value={t.key} maxLength={128} onInput={(e) => change(i, "key", e.currentTarget.value)} /></label>
          <label>Tag value<input name={"tagValue" + i} value={t.value} maxLength={256} onInput={(e) => change(i, "value", e.currentTarget.value)} /></label>
          <button type="button" aria-label={"Remove tag " + t.key} onClick={() => (setSaved(false), setEdited(rows.filter((_, j) => j !== i)))}>Remove</button>
        </div>
      ))}
      <div class="toolbar">
        <button type="button" disabled={rows.length >= 10} onClick={() => (setSaved(false), setEdited([...rows, { key: "", value: "" }]))}>Add tag</button>
        <button type="submit" class="primary" disabled={edited === null}>Save tags</button>
        {saved && <span aria-live="polite" data-testid="tags-saved">Tags saved</span>}
      </div>
    </form>
  );
}
