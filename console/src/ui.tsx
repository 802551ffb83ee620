// Shared pieces of every page: the app context (session, live feed), a paged sortable table, empty states.
import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { EventFeed, HaneulEvent, Session } from "./api";

export type App = { session: Session; feed: EventFeed; navigate: (path: string) => void };
export const AppContext = createContext<App>(null as unknown as App);
export const useApp = () => useContext(AppContext);

/**
 * Calls `f` on live events of `service` (any service when null) that `match`: at once for the first, then at
 * most every 500 ms (once more after a burst), so that a busy queue does not make a page reload per message.
 */
export function useEvents(service: string | null, f: (e: HaneulEvent) => void, match: (e: HaneulEvent) => boolean = () => true) {
  const { feed } = useApp();
  const latest = useRef({ f, match });
  latest.current = { f, match };
  useEffect(() => {
    let quietUntil = 0;
    let pending: HaneulEvent | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = (e: HaneulEvent) => {
      quietUntil = Date.now() + 500;
      latest.current.f(e);
    };
    const off = feed.subscribe((e) => {
      if ((service !== null && e.service !== service) || !latest.current.match(e)) return;
      if (Date.now() >= quietUntil) return fire(e);
      pending = e;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (pending) fire(pending);
        pending = null;
      }, quietUntil - Date.now());
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [feed, service]);
}

/**
 * Loads data with `load`, again whenever `reload()` is called or `deps` change; errors are kept for display. A load
 * superseded by the next one is aborted through the signal `load` is handed; `reload()`'s promise settles when the
 * load it started has.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const waiting = useRef<(() => void)[]>([]);
  useEffect(() => {
    const aborter = new AbortController();
    const waiters = waiting.current.splice(0);
    const settle = () => waiters.splice(0).forEach((w) => w());
    load(aborter.signal).then(
      (data) => !aborter.signal.aborted && setState({ data, loading: false }),
      (e) => !aborter.signal.aborted && setState({ error: String(e.message ?? e), loading: false }),
    ).finally(settle);
    return () => {
      aborter.abort();
      settle();
    };
  }, [tick, ...deps]);
  const reload = () => new Promise<void>((done) => {
    waiting.current.push(done);
    setTick((t) => t + 1);
  });
  return { ...state, reload };
}

export type Column<T> = {
  key: string;
  label: string;
  value: (row: T) => string | number;
  render?: (row: T) => ComponentChildren;
  numeric?: boolean;
};

/** A table with sortable headers (buttons: keyboard-reachable) and pages of `pageSize` rows. */
export function Table<T>(props: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  onOpen?: (row: T) => void;
  selected?: string | null;
  pageSize?: number;
  empty: ComponentChildren;
}) {
  const size = props.pageSize ?? 20;
  const [sort, setSort] = useState<{ key: string; desc: boolean } | null>(null);
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    if (!sort) return props.rows;
    const col = props.columns.find((c) => c.key === sort.key)!;
    return [...props.rows].sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -order : order;
    });
  }, [props.rows, sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / size));
  const current = Math.min(page, pages - 1);
  if (props.rows.length === 0) return <div class="empty">{props.empty}</div>;
  return (
    <div class="table-wrap">
      <table aria-label={props.label}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} aria-sort={sort?.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"} class={c.numeric ? "num" : ""}>
                <button class="sort" onClick={() => setSort({ key: c.key, desc: sort?.key === c.key ? !sort.desc : false })}>
                  {c.label}
                  <span aria-hidden="true">{sort?.key === c.key ? (sort.desc ? " ▼" : " ▲") : ""}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(current * size, current * size + size).map((row) => {
            const key = props.rowKey(row);
            return (
              <tr key={key} data-key={key} class={props.selected === key ? "selected" : ""}
                tabIndex={props.onOpen ? 0 : undefined}
                onClick={props.onOpen && (() => props.onOpen!(row))}
                onKeyDown={props.onOpen && ((e) => e.key === "Enter" && props.onOpen!(row))}>
                {props.columns.map((c) => <td key={c.key} class={c.numeric ? "num" : ""}>{c.render ? c.render(row) : c.value(row)}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
      {pages > 1 && (
        <nav class="pager" aria-label={props.label + " pages"}>
          <button disabled={current === 0} onClick={() => setPage(current - 1)}>Previous</button>
          <span>Page {current + 1} of {pages} ({sorted.length} rows)</span>
          <button disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Next</button>
        </nav>
      )}
    </div>
  );
}

export function ErrorNote({ error }: { error?: string | null }) {
  return error ? <p class="error" role="alert">{error}</p> : null;
}

export function bytes(n: number): string {
  if (n < 1024) return n + " B";
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) v /= 1024, i++;
  return v.toFixed(1) + " " + units[i];
}

export function when(iso: string | number): string {
  return new Date(iso).toLocaleString();
}

/** A time given in epoch seconds (the JSON protocols' timestamps), as `when` shows it; empty when absent. */
export function whenSeconds(t?: number | string | null): string {
  if (t === undefined || t === null || t === "") return "";
  return when(typeof t === "number" ? t * 1000 : t);
}

/**
 * Runs an action of a page: clears the last error, runs `f`, then `after` (usually a reload); a refusal is
 * kept as `error` for <ErrorNote>.
 */
export function useAct(after: () => void = () => {}) {
  const [error, setError] = useState<string | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      after();
    } catch (e: any) {
      setError(e.message ?? String(e));
    }
  };
  return { error, setError, act };
}

/**
 * Calls `f` while `active` (jobs and fleets in transition, which publish no live events), each call `ms` after the
 * last one settled (so a slow load is never piled on), and not while the page is hidden.
 */
export function usePolling(active: boolean, f: () => unknown, ms = 1000) {
  const latest = useRef(f);
  latest.current = f;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let running = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (!stopped && !running && timer === undefined && !document.hidden) timer = setTimeout(poll, ms);
    };
    const poll = async () => {
      timer = undefined;
      running = true;
      try {
        await latest.current();
      } catch {
        // the page shows its load's error; polling goes on
      }
      running = false;
      schedule();
    };
    const visibility = () => {
      if (document.hidden) {
        clearTimeout(timer);
        timer = undefined;
      } else {
        schedule();
      }
    };
    document.addEventListener("visibilitychange", visibility);
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", visibility);
    };
  }, [active, ms]);
}

/** A section opened from a table's row: a heading, its buttons and a Close button. */
export function Panel(props: { id: string; title: ComponentChildren; close: () => void; closeLabel: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={props.id}>
      <div class="panel-head">
        <h2 id={props.id}>{props.title}</h2>
        <div>
          {props.actions}
          <button onClick={props.close} aria-label={props.closeLabel}>Close</button>
        </div>
      </div>
      {props.children}
    </section>
  );
}

export type Series = { name: string; points: [number, number][] };
const COLOURS = ["var(--accent)", "var(--bad)", "var(--good)", "#b58900", "#8250df"];

/** Lines of (x, y) points drawn as SVG (no chart library): training metrics per round, job progress. */
export function LineChart({ label, series }: { label: string; series: Series[] }) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return null;
  const [w, h, pad] = [560, 200, 34];
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (w - 2 * pad);
  const sy = (y: number) => h - pad + -((y - y0) / (y1 - y0 || 1)) * (h - 2 * pad);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} stroke="var(--line)" />
        <line x1={pad} y1={pad} x2={pad} y2={h - pad} stroke="var(--line)" />
        <text x={2} y={pad} fill="var(--muted)" font-size="11">{+y1.toPrecision(3)}</text>
        <text x={2} y={h - pad} fill="var(--muted)" font-size="11">{+y0.toPrecision(3)}</text>
        <text x={w - pad} y={h - 8} fill="var(--muted)" font-size="11" text-anchor="end">{x1}</text>
        {series.map((s, i) => (
          <polyline key={s.name} fill="none" stroke={COLOURS[i % COLOURS.length]} stroke-width="2"
            points={s.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ")} />
        ))}
      </svg>
      <figcaption>{series.map((s, i) => (
        <span key={s.name} class="legend"><span aria-hidden="true" style={{ color: COLOURS[i % COLOURS.length] }}>■</span> {s.name}</span>
      ))}</figcaption>
    </figure>
  );
}

export type Bar = { name: string; total: number; part: number };

/**
 * Horizontal bars drawn as SVG: per row a total (e.g. calls) and the part of it that stands out (e.g. errors),
 * drawn over it in the warning colour, with both numbers written out for screen readers and small screens.
 */
export function BarChart({ label, bars, totalLabel, partLabel }: { label: string; bars: Bar[]; totalLabel: string; partLabel: string }) {
  if (bars.length === 0) return null;
  const [w, row, name] = [560, 22, 120];
  const max = Math.max(...bars.map((b) => b.total), 1);
  const scale = (n: number) => (n / max) * (w - name - 90);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${w} ${bars.length * row + 4}`} role="img" aria-label={label}>
        {bars.map((b, i) => (
          <g key={b.name} transform={`translate(0 ${i * row + 2})`}>
            <text x={name - 6} y={row - 8} fill="var(--fg)" font-size="12" text-anchor="end">{b.name}</text>
            <rect x={name} y={2} width={scale(b.total)} height={row - 6} fill="var(--accent)" />
            <rect x={name} y={2} width={scale(b.part)} height={row - 6} fill="var(--bad)" />
            <text x={name + scale(b.total) + 6} y={row - 8} fill="var(--muted)" font-size="12">{b.total} / {b.part}</text>
          </g>
        ))}
      </svg>
      <figcaption>
        <span class="legend"><span aria-hidden="true" style={{ color: "var(--accent)" }}>■</span> {totalLabel}</span>
        <span class="legend"><span aria-hidden="true" style={{ color: "var(--bad)" }}>■</span> {partLabel}</span>
      </figcaption>
    </figure>
  );
}
