// Buckets; a file browser over one bucket (folders by "/"); upload with progress; download; image/text preview;
// an object's tags; the bucket's versions and multipart uploads in progress (S3Bucket.tsx).
import { useState } from "preact/hooks";
import { s3, s3Upload, xml } from "../api";
import { ErrorNote, Table, bytes, useApp, useEvents, useLoad, when } from "../ui";
import { Tags, UNADDRESSABLE, UnaddressableNote, Uploads, Versions, addressable, enc, text } from "./S3Bucket";

type Bucket = { name: string; created: string };
type Entry = { key: string; name: string; folder: boolean; size: number; modified: string };

const VIEWS = [["objects", "Objects"], ["versions", "Versions"], ["uploads", "Uploads in progress"]] as const;

export function S3() {
  const { session } = useApp();
  const [bucket, setBucket] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const buckets = useLoad(async () => {
    const doc = xml(await (await s3(session, "GET", "/")).text());
    return [...doc.getElementsByTagName("Bucket")].map((b) => ({ name: text(b, "Name"), created: text(b, "CreationDate") }));
  });
  if (bucket) return <Browser bucket={bucket} back={() => setBucket(null)} />;
  return (
    <>
      <h1>S3 buckets</h1>
      <form class="toolbar" onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const body = session.region === "us-east-1" ? undefined
            : `<CreateBucketConfiguration><LocationConstraint>${session.region}</LocationConstraint></CreateBucketConfiguration>`;
          await s3(session, "PUT", "/" + encodeURIComponent(name), { body });
          setName("");
          buckets.reload();
        } catch (err: any) {
          setError(err.message);
        }
      }}>
        <label>New bucket<input name="bucketName" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="my-bucket" required /></label>
        <button type="submit" class="primary">Create bucket</button>
      </form>
      <ErrorNote error={error ?? buckets.error} />
      <Table<Bucket> label="Buckets" rows={buckets.data ?? []} rowKey={(b) => b.name} onOpen={(b) => setBucket(b.name)}
        empty={<p>No buckets yet. Create one above, or with <code>aws s3 mb s3://my-bucket</code>.</p>}
        columns={[
          { key: "name", label: "Name", value: (b) => b.name },
          { key: "created", label: "Created", value: (b) => b.created, render: (b) => when(b.created) },
        ]} />
    </>
  );
}

function Browser({ bucket, back }: { bucket: string; back: () => void }) {
  const { session } = useApp();
  const [prefix, setPrefix] = useState("");
  const [view, setView] = useState<(typeof VIEWS)[number][0]>("objects");
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; url?: string; text?: string; type: string } | null>(null);
  const list = useLoad(async () => {
    const q = new URLSearchParams({ "list-type": "2", delimiter: "/", prefix, "max-keys": "1000" });
    const doc = xml(await (await s3(session, "GET", `/${encodeURIComponent(bucket)}?${q}`)).text());
    const folders: Entry[] = [...doc.getElementsByTagName("CommonPrefixes")].map((p) => {
      const key = text(p, "Prefix");
      return { key, name: key.slice(prefix.length), folder: true, size: 0, modified: "" };
    });
    const files: Entry[] = [...doc.getElementsByTagName("Contents")].map((c) => {
      const key = text(c, "Key");
      return { key, name: key.slice(prefix.length), folder: false, size: Number(text(c, "Size")), modified: text(c, "LastModified") };
    });
    return [...folders, ...files];
  }, [prefix]);
  useEvents("s3", () => list.reload(), (e) => e.detail.bucket === bucket);
  const upload = async (files: FileList | null) => {
    setError(null);
    for (const file of files ? [...files] : []) {
      if (!addressable(prefix + file.name)) {
        setError(UNADDRESSABLE);
        continue;
      }
      try {
        setProgress({ name: file.name, fraction: 0 });
        await s3Upload(session, `/${encodeURIComponent(bucket)}/${enc(prefix + file.name)}`, file,
          (fraction) => setProgress({ name: file.name, fraction }));
      } catch (e: any) {
        setError(e.message);
      }
    }
    setProgress(null);
    list.reload();
  };
  const fetchObject = async (key: string) => (await s3(session, "GET", `/${encodeURIComponent(bucket)}/${enc(key)}`)).blob();
  const download = async (key: string) => {
    try {
      const url = URL.createObjectURL(await fetchObject(key));
      const a = document.createElement("a");
      a.href = url;
      a.download = key.slice(key.lastIndexOf("/") + 1);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e: any) {
      setError(e.message);
    }
  };
  const show = async (key: string) => {
    if (!addressable(key)) return setPreview({ key, type: "" });
    try {
      const blob = await fetchObject(key);
      if (blob.type.startsWith("image/")) setPreview({ key, url: URL.createObjectURL(blob), type: blob.type });
      else if (blob.type.startsWith("text/") || /json|xml|javascript/.test(blob.type) || blob.size < 64 * 1024)
        setPreview({ key, text: await blob.text(), type: blob.type });
      else setPreview({ key, type: blob.type });
    } catch (e: any) {
      setError(e.message);
    }
  };
  const remove = async (key: string) => {
    if (!confirm(`Delete ${key}?`)) return;
    try {
      await s3(session, "DELETE", `/${encodeURIComponent(bucket)}/${enc(key)}`);
      setPreview(null);
      list.reload();
    } catch (e: any) {
      setError(e.message);
    }
  };
  const crumbs = prefix.split("/").filter(Boolean);
  return (
    <>
      <h1>S3: {bucket}</h1>
      <nav aria-label="Folder" class="crumbs">
        <button onClick={back}>All buckets</button> /
        <button onClick={() => setPrefix("")}>{bucket}</button>
        {crumbs.map((c, i) => <span key={i}> / <button onClick={() => setPrefix(crumbs.slice(0, i + 1).join("/") + "/")}>{c}</button></span>)}
      </nav>
      <div class="tabs" role="group" aria-label="Bucket views">
        {VIEWS.map(([id, label]) => <button key={id} aria-pressed={view === id} onClick={() => setView(id)}>{label}</button>)}
      </div>
      {view === "versions" && <Versions bucket={bucket} prefix={prefix} />}
      {view === "uploads" && <Uploads bucket={bucket} prefix={prefix} />}
      {view === "objects" && <>
        <div class="toolbar drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => (e.preventDefault(), upload(e.dataTransfer?.files ?? null))}>
          <label class="upload">Upload files (or drop them here)
            <input type="file" name="upload" multiple onChange={(e) => upload(e.currentTarget.files)} />
          </label>
          {progress && (
            <label class="progress">{progress.name}
              <progress max={1} value={progress.fraction} aria-label={"Uploading " + progress.name} />
            </label>
          )}
        </div>
        <ErrorNote error={error ?? list.error} />
        <UnaddressableNote keys={(list.data ?? []).filter((e) => !e.folder).map((e) => e.key)} />
        <Table<Entry> label="Objects" rows={list.data ?? []} rowKey={(e) => e.key}
          onOpen={(e) => (e.folder ? setPrefix(e.key) : show(e.key))}
          empty={<p>{prefix ? "This folder is empty." : "This bucket is empty."} Upload a file above, or with <code>aws s3 cp file s3://{bucket}/</code>.</p>}
          columns={[
            { key: "name", label: "Name", value: (e) => (e.folder ? "0" : "1") + e.name, render: (e) => (e.folder ? "📁 " : "") + e.name },
            { key: "size", label: "Size", numeric: true, value: (e) => e.size, render: (e) => (e.folder ? "" : bytes(e.size)) },
            { key: "modified", label: "Modified", value: (e) => e.modified, render: (e) => (e.modified ? when(e.modified) : "") },
            { key: "actions", label: "Actions", value: () => "", render: (e) => e.folder ? null : (
              <span class="actions" onClick={(ev) => ev.stopPropagation()}>
                <button onClick={() => download(e.key)} aria-label={"Download " + e.name} disabled={!addressable(e.key)}
                  title={addressable(e.key) ? undefined : UNADDRESSABLE}>Download</button>
                <button class="danger" onClick={() => remove(e.key)} aria-label={"Delete " + e.name} disabled={!addressable(e.key)}
                  title={addressable(e.key) ? undefined : UNADDRESSABLE}>Delete</button>
              </span>) },
          ]} />
        {preview && (
          <section class="panel" aria-labelledby="preview-h">
            <div class="panel-head">
              <h2 id="preview-h">{preview.key}</h2>
              <button onClick={() => setPreview(null)} aria-label="Close preview">Close</button>
            </div>
            <p class="muted">{preview.type}</p>
            {preview.url && <img src={preview.url} alt={preview.key} class="preview" />}
            {preview.text !== undefined && <pre class="mail-text" data-testid="preview-text">{preview.text}</pre>}
            {!preview.url && preview.text === undefined && (addressable(preview.key)
              ? <p>No preview for this type; download it.</p> : <p role="note" data-testid="unaddressable">{UNADDRESSABLE}</p>)}
            <Tags key={preview.key} bucket={bucket} objectKey={preview.key} />
          </section>
        )}
      </>}
    </>
  );
}
