// Rekognition: face collections and their faces, and an image analysed in the browser (DetectFaces and
// DetectLabels on the picked file) with the results drawn as boxes and labels over it.
import { useEffect, useState } from "preact/hooks";
import { awsJson, everyPage, type Session } from "../api";
import { ErrorNote, Panel, Table, useAct, useApp, useLoad, whenSeconds } from "../ui";

const rekognition = <T = any>(s: Session, operation: string, input: object = {}) =>
  awsJson<T>(s, "rekognition", "RekognitionService." + operation, "1.1", input);

type Box = { Left: number; Top: number; Width: number; Height: number };
type Face = { FaceId: string; ExternalImageId?: string; ImageId?: string; Confidence?: number; UserId?: string };
type Found = { label: string; box: Box };

export function Rekognition() {
  const { session } = useApp();
  const collections = useLoad(async () => {
    const ids = await everyPage<string>((t) => rekognition(session, "ListCollections", { MaxResults: 1000, NextToken: t }), "CollectionIds");
    return Promise.all(ids.map(async (id) => ({ id, ...(await rekognition(session, "DescribeCollection", { CollectionId: id })) })));
  });
  const [name, setName] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const { act, error } = useAct(collections.reload);
  return (
    <>
      <h1>Rekognition</h1>
      <h2>Face collections</h2>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await rekognition(session, "CreateCollection", { CollectionId: name });
        setName("");
      }))}>
        <label>New collection<input name="collectionId" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="employees" required /></label>
        <button type="submit" class="primary">Create collection</button>
      </form>
      <ErrorNote error={error ?? collections.error} />
      <Table label="Collections" rows={collections.data ?? []} rowKey={(c) => c.id} selected={open} onOpen={(c) => setOpen(c.id)}
        empty={<p>No collections in this account and region. Create one above, then add faces with <code>IndexFaces</code>.</p>}
        columns={[
          { key: "id", label: "Collection", value: (c) => c.id },
          { key: "faces", label: "Faces", numeric: true, value: (c) => c.FaceCount ?? 0 },
          { key: "users", label: "Users", numeric: true, value: (c) => c.UserCount ?? 0 },
          { key: "model", label: "Face model", value: (c) => c.FaceModelVersion ?? "" },
          { key: "created", label: "Created", value: (c) => c.CreationTimestamp ?? 0, render: (c) => whenSeconds(c.CreationTimestamp) },
        ]} />
      {open && <Faces key={open} collection={open} close={() => setOpen(null)} deleted={() => (setOpen(null), collections.reload())} />}
      <Analyse />
    </>
  );
}

function Faces({ collection, close, deleted }: { collection: string; close: () => void; deleted: () => void }) {
  const { session } = useApp();
  const faces = useLoad(() => rekognition<{ Faces: Face[] }>(session, "ListFaces", { CollectionId: collection, MaxResults: 4096 }).then((r) => r.Faces ?? []));
  const { act, error } = useAct(faces.reload);
  return (
    <Panel id="collection-h" title={collection} close={close} closeLabel="Close collection" actions={
      <button class="danger" onClick={() => confirm(`Delete collection ${collection} and its faces?`) && act(async () => {
        await rekognition(session, "DeleteCollection", { CollectionId: collection });
        deleted();
      })}>Delete collection</button>}>
      <ErrorNote error={error ?? faces.error} />
      <Table label="Faces" rows={faces.data ?? []} rowKey={(f) => f.FaceId}
        empty={<p>No faces in this collection. Add some with <code>aws rekognition index-faces --collection-id {collection}</code>.</p>}
        columns={[
          { key: "id", label: "Face id", value: (f) => f.FaceId },
          { key: "external", label: "External image id", value: (f) => f.ExternalImageId ?? "" },
          { key: "user", label: "User", value: (f) => f.UserId ?? "" },
          { key: "confidence", label: "Confidence", numeric: true, value: (f) => f.Confidence ?? 0, render: (f) => (f.Confidence ?? 0).toFixed(2) },
          { key: "actions", label: "Actions", value: () => "", render: (f) => (
            <button onClick={(e) => (e.stopPropagation(), act(() => rekognition(session, "DeleteFaces", { CollectionId: collection, FaceIds: [f.FaceId] })))}
              aria-label={"Delete face " + f.FaceId}>Delete</button>) },
        ]} />
    </Panel>
  );
}

function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An image picked here, sent as bytes to DetectFaces and DetectLabels; faces and labelled objects drawn over it. */
function Analyse() {
  const { session } = useApp();
  const [image, setImage] = useState<string | null>(null);
  const [found, setFound] = useState<Found[] | null>(null);
  const [labels, setLabels] = useState<{ Name: string; Confidence: number }[]>([]);
  const { act, error } = useAct();
  useEffect(() => () => void (image && URL.revokeObjectURL(image)), [image]);
  const analyse = (file: File) => act(async () => {
    setFound(null);
    setImage(URL.createObjectURL(file));
    const Image = { Bytes: base64(await file.arrayBuffer()) };
    const [faces, detected] = await Promise.all([
      rekognition(session, "DetectFaces", { Image }),
      rekognition(session, "DetectLabels", { Image, MaxLabels: 20, MinConfidence: 60 }),
    ]);
    setLabels(detected.Labels ?? []);
    setFound([
      ...(faces.FaceDetails ?? []).map((f: any, i: number) => ({ label: `face ${i + 1} (${f.Confidence.toFixed(0)}%)`, box: f.BoundingBox })),
      ...(detected.Labels ?? []).flatMap((l: any) => (l.Instances ?? []).map((x: any) => ({ label: `${l.Name} (${x.Confidence.toFixed(0)}%)`, box: x.BoundingBox }))),
    ]);
  });
  return (
    <section aria-labelledby="analyse-h">
      <h2 id="analyse-h">Analyse an image</h2>
      <div class="toolbar">
        <label>Image (JPEG or PNG, up to 5 MB)<input type="file" name="image" accept="image/jpeg,image/png"
          onChange={(e) => e.currentTarget.files?.[0] && analyse(e.currentTarget.files[0])} /></label>
      </div>
      <ErrorNote error={error} />
      {image && (
        <div class="split">
          <div class="boxes">
            <img src={image} alt="The analysed image" />
            {(found ?? []).map((f, i) => (
              <div key={i} class="box" data-testid="box" style={{ left: `${f.box.Left * 100}%`, top: `${f.box.Top * 100}%`, width: `${f.box.Width * 100}%`, height: `${f.box.Height * 100}%` }}>
                <span>{f.label}</span>
              </div>
            ))}
          </div>
          <div>
            {found === null ? <p>Analysing…</p> : (
              <>
                <h3>Labels</h3>
                <ul aria-label="Labels">{labels.map((l) => <li key={l.Name}>{l.Name} ({l.Confidence.toFixed(1)}%)</li>)}</ul>
                {labels.length === 0 && <p>No labels above 60% confidence.</p>}
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
