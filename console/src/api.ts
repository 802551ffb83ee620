// Every call the console makes: Haneul's own /_haneul routes and the AWS APIs, signed with SigV4 in the
// browser (aws4fetch). The key lives in sessionStorage only (strict mode); permissive mode signs with the
// chosen account id as the access key id, which Haneul reads as the account.
import { AwsClient } from "aws4fetch";

export type Session = { accessKeyId: string; secretAccessKey: string; region: string; strict: boolean };

const KEY = "haneul.session";

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export function saveSession(s: Session | null) {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

/** Strict mode shows only {status} to an unsigned caller of the health route; permissive shows everything. */
export async function detectStrict(): Promise<boolean> {
  const r = await fetch("/_haneul/health");
  const body = await r.json();
  return body.version === undefined;
}

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string) {
    super(message);
  }
}

function client(s: Session, service: string) {
  return new AwsClient({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, service, region: s.region, retries: 0 });
}

async function failure(r: Response): Promise<ApiError> {
  const text = await r.text();
  try {
    const j = JSON.parse(text);
    return new ApiError(r.status, j.code ?? j.__type ?? "Error", j.message ?? j.Message ?? text);
  } catch {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const code = doc.querySelector("Code")?.textContent ?? String(r.status);
    return new ApiError(r.status, code, doc.querySelector("Message")?.textContent ?? (text || r.statusText));
  }
}

/** A signed call of one of Haneul's own routes; JSON in and out. */
export async function internal<T = any>(s: Session, path: string, init: RequestInit = {}): Promise<T> {
  const r = await client(s, "haneul").fetch(location.origin + path, init);
  if (!r.ok) throw await failure(r);
  const type = r.headers.get("content-type") ?? "";
  return (type.includes("json") ? r.json() : r.text()) as Promise<T>;
}

/**
 * A call of an awsJson API: POST / with X-Amz-Target: <prefix>.<Operation> (SQS: AmazonSQS, json 1.0; SWF:
 * SimpleWorkflowService, 1.0; SageMaker, Rekognition, AppStream: 1.1), signed for `service`.
 */
export async function awsJson<T = any>(s: Session, service: string, target: string, version: "1.0" | "1.1", input: object = {},
  signal?: AbortSignal): Promise<T> {
  const r = await client(s, service).fetch(location.origin + "/", {
    signal,
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-" + version, "X-Amz-Target": target },
    body: JSON.stringify(input),
  });
  if (!r.ok) throw await failure(r);
  return r.json();
}

/** An SQS call in the JSON protocol (X-Amz-Target: AmazonSQS.<Operation>). */
export const sqs = <T = any>(s: Session, operation: string, input: object = {}) =>
  awsJson<T>(s, "sqs", "AmazonSQS." + operation, "1.0", input);

/** A call of a restJson API (API Gateway, Elastic Transcoder, SES v2): `path` on Haneul's host, JSON in and out. */
export async function restJson<T = any>(s: Session, service: string, method: string, path: string, input?: object): Promise<T> {
  const r = await signed(s, service, method, path, input
    ? { headers: { "Content-Type": "application/json" }, body: JSON.stringify(input) } : {});
  const text = await r.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** A signed call of any REST API (`service` is the signing name); the answer as a Response, refused ones thrown. */
export async function signed(s: Session, service: string, method: string, path: string, init: RequestInit = {}): Promise<Response> {
  const r = await client(s, service).fetch(location.origin + path, { ...init, method });
  if (!r.ok) throw await failure(r);
  return r;
}

/** An S3 REST call on the path-style address; the answer as a Response (XML, or an object's bytes). */
export const s3 = (s: Session, method: string, path: string, init: RequestInit = {}) => signed(s, "s3", method, path, init);

export function xml(text: string): Document {
  return new DOMParser().parseFromString(text, "application/xml");
}

/**
 * A signed S3 PUT sent with XMLHttpRequest, whose upload events give a progress bar (fetch has none); the
 * payload is UNSIGNED-PAYLOAD as the AWS SDKs send it, so the file is not read twice.
 */
export async function s3Upload(s: Session, path: string, file: File, progress: (fraction: number) => void): Promise<void> {
  const signed = await client(s, "s3").sign(location.origin + path, {
    method: "PUT",
    headers: { "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD", "Content-Type": file.type || "application/octet-stream" },
  });
  await new Promise<void>((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open("PUT", signed.url);
    signed.headers.forEach((v, k) => {
      if (k !== "host") x.setRequestHeader(k, v);
    });
    x.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    x.onload = () => (x.status < 300 ? resolve() : reject(new ApiError(x.status, "UploadFailed", x.responseText || x.statusText)));
    x.onerror = () => reject(new ApiError(0, "NetworkError", "the upload failed"));
    x.send(file);
  });
}

export type HaneulEvent = { service: string; type: string; account: string; time: string; detail: Record<string, unknown> };

/**
 * The live feed (/_haneul/events) read with a signed fetch (EventSource cannot sign), one connection for the
 * whole application, reconnected after it ends.
 */
export class EventFeed {
  private listeners = new Set<(e: HaneulEvent) => void>();
  private stopped = false;
  private abort = new AbortController();
  connected = false;

  constructor(private session: Session, private onState: (connected: boolean) => void) {
    this.run();
  }

  subscribe(f: (e: HaneulEvent) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  stop() {
    this.stopped = true;
    this.abort.abort();
  }

  private async run() {
    while (!this.stopped) {
      try {
        const r = await client(this.session, "haneul").fetch(location.origin + "/_haneul/events", { signal: this.abort.signal });
        if (!r.ok || !r.body) throw new Error("events: " + r.status);
        this.setConnected(true);
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
            if (data) {
              const event = JSON.parse(data) as HaneulEvent;
              this.listeners.forEach((f) => f(event));
            }
          }
        }
      } catch {
        // the server went away or refused: try again shortly
      }
      this.setConnected(false);
      if (!this.stopped) await new Promise((r) => setTimeout(r, 2000));
    }
  }

  private setConnected(c: boolean) {
    if (c !== this.connected) {
      this.connected = c;
      this.onState(c);
    }
  }
}

/** A call of a query-protocol API (SNS): a signed form POST, the answer as an XML document. */
export async function query(s: Session, service: string, version: string, action: string, params: Record<string, string> = {}): Promise<Document> {
  const body = new URLSearchParams({ Action: action, Version: version, ...params }).toString();
  const r = await client(s, service).fetch(location.origin + "/", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  if (!r.ok) throw await failure(r);
  return xml(await r.text());
}

/**
 * Every item of a listing paged by a token member (`NextToken`; SWF's `nextPageToken`), at most `max` of them and
 * `maxPages` pages: a listing that keeps answering empty pages with a token, or hands out a token again, ends.
 */
export async function everyPage<T>(call: (token?: string) => Promise<any>, itemsKey: string, tokenKey = "NextToken", max = 10_000,
  maxPages = 1_000): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await call(token);
    out.push(...(page[itemsKey] ?? []));
    token = page[tokenKey];
    if (!token || seen.has(token) || out.length >= max) break;
    seen.add(token);
  }
  return out;
}
