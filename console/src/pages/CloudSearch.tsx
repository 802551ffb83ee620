// CloudSearch: domains (the configuration API, awsQuery), a domain's index fields, and a search box on its
// search endpoint with facets on literal fields and highlights on text fields.
import { useState } from "preact/hooks";
import { query, restJson } from "../api";
import { ErrorNote, Panel, Table, useAct, useApp, useLoad } from "../ui";

const V = "2013-01-01";
type Domain = { name: string; id: string; created: boolean; processing: boolean; needsIndexing: boolean; search: string; doc: string };
type Field = { name: string; type: string; state: string; facet: boolean; highlight: boolean };
type Hit = { id: string; fields?: Record<string, string | string[]>; highlights?: Record<string, string> };
type Answer = { hits: { found: number; hit: Hit[] }; facets?: Record<string, { buckets: { value: string; count: number }[] }> };

const text = (el: Element, path: string) => el.querySelector(path)?.textContent ?? "";
const children = (el: Element | Document, tag: string) => [...el.getElementsByTagName(tag)];

/** The path of an endpoint as DescribeDomains hands it out (`host:port/_aws/cloudsearch/search-…`); null for a host-form endpoint. */
function endpointPath(endpoint: string): string | null {
  const slash = endpoint.indexOf("/");
  return slash < 0 ? null : endpoint.slice(slash);
}

export function CloudSearch() {
  const { session } = useApp();
  const domains = useLoad(async () => {
    const doc = await query(session, "cloudsearch", V, "DescribeDomains");
    return children(doc, "DomainStatusList").flatMap((l) => [...l.children]).map((m): Domain => ({
      name: text(m, "DomainName"), id: text(m, "DomainId"), created: text(m, "Created") === "true", processing: text(m, "Processing") === "true",
      needsIndexing: text(m, "RequiresIndexDocuments") === "true", search: text(m, "SearchService > Endpoint"), doc: text(m, "DocService > Endpoint"),
    }));
  });
  const [name, setName] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const { act, error } = useAct(domains.reload);
  const domain = domains.data?.find((d) => d.name === open) ?? null;
  return (
    <>
      <h1>CloudSearch domains</h1>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), act(async () => {
        await query(session, "cloudsearch", V, "CreateDomain", { DomainName: name });
        setName("");
      }))}>
        <label>New domain<input name="domainName" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="movies" required /></label>
        <button type="submit" class="primary">Create domain</button>
        <button type="button" onClick={domains.reload}>Refresh</button>
      </form>
      <ErrorNote error={error ?? domains.error} />
      <Table label="Domains" rows={domains.data ?? []} rowKey={(d) => d.name} selected={open} onOpen={(d) => setOpen(d.name)}
        empty={<p>No search domains in this account and region. Create one above, or with <code>aws cloudsearch create-domain --domain-name movies</code>.</p>}
        columns={[
          { key: "name", label: "Domain", value: (d) => d.name },
          { key: "state", label: "State", value: (d) => (d.processing ? "Processing" : d.needsIndexing ? "Needs indexing" : "Active") },
          { key: "search", label: "Search endpoint", value: (d) => d.search },
          { key: "id", label: "Domain id", value: (d) => d.id },
        ]} />
      {domain && <DomainPanel key={domain.name} domain={domain} close={() => setOpen(null)} reload={domains.reload} />}
    </>
  );
}

function DomainPanel({ domain, close, reload }: { domain: Domain; close: () => void; reload: () => void }) {
  const { session } = useApp();
  const fields = useLoad(async () => {
    const doc = await query(session, "cloudsearch", V, "DescribeIndexFields", { DomainName: domain.name });
    return children(doc, "IndexFields").flatMap((l) => [...l.children]).map((m): Field => ({
      name: text(m, "Options > IndexFieldName"), type: text(m, "Options > IndexFieldType"), state: text(m, "Status > State"),
      // the options' defaults: facets off, highlights on (text fields)
      facet: text(m, "Options FacetEnabled") === "true", highlight: text(m, "Options HighlightEnabled") !== "false",
    }));
  });
  const { act, error } = useAct(() => (reload(), fields.reload()));
  return (
    <Panel id="domain-h" title={domain.name} close={close} closeLabel="Close domain" actions={<>
      <button onClick={() => act(() => query(session, "cloudsearch", V, "IndexDocuments", { DomainName: domain.name }))}>Index documents</button>
      <button class="danger" onClick={() => confirm(`Delete domain ${domain.name}?`) && act(async () => {
        await query(session, "cloudsearch", V, "DeleteDomain", { DomainName: domain.name });
        close();
      })}>Delete domain</button>
    </>}>
      <p class="muted">Documents: {domain.doc} · Search: {domain.search}</p>
      <ErrorNote error={error ?? fields.error} />
      <h3>Index fields</h3>
      <Table label="Index fields" rows={fields.data ?? []} rowKey={(f) => f.name}
        empty={<p>No index fields. Define one with <code>aws cloudsearch define-index-field --domain-name {domain.name} --name title --type text</code>.</p>}
        columns={[
          { key: "name", label: "Field", value: (f) => f.name },
          { key: "type", label: "Type", value: (f) => f.type },
          { key: "state", label: "State", value: (f) => f.state },
        ]} />
      <SearchBox domain={domain} fields={fields.data ?? []} />
    </Panel>
  );
}

/** The text an HTML-escaped fragment stands for (`&amp;` as `&`), read by the browser's parser, never run or inserted as HTML. */
const unescaped = (html: string) => new DOMParser().parseFromString("<body>" + html, "text/html").body.textContent ?? "";

/** Highlights come back with the matches between <em> and </em> in otherwise escaped text; shown as text, without any other HTML. */
function Highlighted({ value }: { value: string }) {
  return <>{value.split(/(<em>.*?<\/em>)/).map((part, i) =>
    part.startsWith("<em>") ? <em key={i} class="hl">{unescaped(part.slice(4, -5))}</em> : unescaped(part))}</>;
}

function SearchBox({ domain, fields }: { domain: Domain; fields: Field[] }) {
  const { session } = useApp();
  const [q, setQ] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [filter, setFilter] = useState<{ field: string; value: string } | null>(null);
  const { act, error } = useAct();
  const path = endpointPath(domain.search);
  const facetable = fields.filter((f) => f.facet && (f.type === "literal" || f.type === "literal-array"));
  const highlightable = fields.filter((f) => f.highlight && f.type === "text");
  const search = (text: string, narrow: { field: string; value: string } | null) => act(async () => {
    const params = new URLSearchParams({ q: text, size: "20" });
    if (narrow) params.set("fq", `(term field=${narrow.field} '${narrow.value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}')`);
    setFilter(narrow);
    facetable.forEach((f) => params.set("facet." + f.name, "{}"));
    highlightable.forEach((f) => params.set("highlight." + f.name, "{}"));
    setAnswer(await restJson<Answer>(session, "cloudsearch", "GET", `${path}/2013-01-01/search?${params}`));
  });
  if (!path) return <p>This domain's endpoint is a host name (<code>--cloudsearch-endpoints host</code>); search it there.</p>;
  return (
    <section aria-labelledby="search-h">
      <h3 id="search-h">Search</h3>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), search(q, null))}>
        <label>Query (simple syntax)<input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="star wars" required /></label>
        <button type="submit" class="primary">Search</button>
      </form>
      <ErrorNote error={error} />
      {answer && (
        <div class="split">
          <div>
            <p data-testid="found">{answer.hits.found} found{filter && <> in {filter.field} “{filter.value}” <button type="button" onClick={() => search(q, null)}>Clear filter</button></>}</p>
            <Table label="Hits" rows={answer.hits.hit} rowKey={(h) => h.id}
              empty={<p>Nothing matches “{q}”. Upload documents to {domain.doc}, then run Index documents if fields changed.</p>}
              columns={[
                { key: "id", label: "Id", value: (h) => h.id },
                { key: "fields", label: "Fields", value: (h) => JSON.stringify(h.fields ?? {}), render: (h) => (
                  <dl>{Object.entries(h.fields ?? {}).map(([k, v]) => (
                    <div key={k}><dt>{k}</dt><dd>{h.highlights?.[k] ? <Highlighted value={h.highlights[k]} /> : [v].flat().join(", ")}</dd></div>
                  ))}</dl>
                ) },
              ]} />
          </div>
          {answer.facets && Object.keys(answer.facets).length > 0 && (
            <div class="facets">
              <h4>Facets</h4>
              {Object.entries(answer.facets).map(([name, f]) => (
                <div key={name}>
                  <strong>{name}</strong>
                  <ul aria-label={"Facet " + name}>
                    {f.buckets.map((b) => <li key={b.value}><button type="button" onClick={() => search(q, { field: name, value: b.value })}>{b.value}</button> ({b.count})</li>)}
                  </ul>
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
