// The console's shell: sign-in (strict) or account selector (permissive), navigation, theme, live-feed state.
import { render, type ComponentType } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { EventFeed, detectStrict, internal, loadSession, saveSession, type Session } from "./api";
import { AppContext } from "./ui";
import { Home } from "./pages/Home";
import { Sqs } from "./pages/Sqs";
import { Ses } from "./pages/Ses";
import { S3 } from "./pages/S3";
import { Sns } from "./pages/Sns";
import { SignIn } from "./pages/SignIn";
import "./style.css";

const BASE = "/_haneul/console";

/** A page loaded on first visit (its own chunk), so that the shell stays small as pages are added. */
function lazy(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | null = null;
  return function LazyPage() {
    const [view, setView] = useState<ComponentType | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (!view) load().then((v) => setView(() => (loaded = v)), (e) => setError(String(e.message ?? e)));
    }, []);
    if (error) return <p class="error" role="alert">The page could not be loaded: {error}</p>;
    const View = view;
    return View ? <View /> : <p>Loading…</p>;
  };
}

const PAGES = [
  { path: "/", label: "Home", view: Home },
  { path: "/sqs", label: "SQS", view: Sqs },
  { path: "/ses", label: "SES", view: Ses },
  { path: "/s3", label: "S3", view: S3 },
  { path: "/sns", label: "SNS", view: Sns },
  { path: "/lambda", label: "Lambda", view: lazy(() => import("./pages/Lambda").then((m) => m.Lambda)) },
  { path: "/swf", label: "SWF", view: lazy(() => import("./pages/Swf").then((m) => m.Swf)) },
  { path: "/apigateway", label: "API Gateway", view: lazy(() => import("./pages/ApiGateway").then((m) => m.ApiGateway)) },
  { path: "/cloudsearch", label: "CloudSearch", view: lazy(() => import("./pages/CloudSearch").then((m) => m.CloudSearch)) },
  { path: "/transcoder", label: "Transcoder", view: lazy(() => import("./pages/Transcoder").then((m) => m.Transcoder)) },
  { path: "/sagemaker", label: "SageMaker", view: lazy(() => import("./pages/SageMaker").then((m) => m.SageMaker)) },
  { path: "/rekognition", label: "Rekognition", view: lazy(() => import("./pages/Rekognition").then((m) => m.Rekognition)) },
  { path: "/appstream", label: "AppStream", view: lazy(() => import("./pages/AppStream").then((m) => m.AppStream)) },
];

function currentPath() {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : "/";
  return p === "" ? "/" : p;
}

function applyTheme(theme: string) {
  document.documentElement.dataset.theme = theme;
}

function Shell({ session, signOut }: { session: Session; signOut: () => void }) {
  const [path, setPath] = useState(currentPath());
  const [live, setLive] = useState(false);
  const [theme, setTheme] = useState(localStorage.getItem("haneul.theme") ??
    (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
  const feed = useMemo(() => new EventFeed(session, setLive), [session]);
  useEffect(() => () => feed.stop(), [feed]);
  useEffect(() => {
    applyTheme(theme);
    localStorage.setItem("haneul.theme", theme);
  }, [theme]);
  const navigate = (to: string) => {
    history.pushState(null, "", BASE + to);
    setPath(to);
  };
  useEffect(() => {
    const back = () => setPath(currentPath());
    // Alt+1..9 opens one of the first nine pages; "/" focuses the page's search box
    const keys = (e: KeyboardEvent) => {
      if (e.altKey && e.key >= "1" && e.key <= String(Math.min(9, PAGES.length))) {
        e.preventDefault();
        navigate(PAGES[Number(e.key) - 1].path);
      } else if (e.key === "/" && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
        const search = document.querySelector<HTMLInputElement>("input[type=search]");
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    addEventListener("popstate", back);
    addEventListener("keydown", keys);
    return () => {
      removeEventListener("popstate", back);
      removeEventListener("keydown", keys);
    };
  }, []);
  const page = PAGES.find((p) => p.path === path || (p.path !== "/" && path.startsWith(p.path + "/"))) ?? PAGES[0];
  const View = page.view;
  return (
    <AppContext.Provider value={{ session, feed, navigate }}>
      <header class="top">
        <a class="brand" href={BASE + "/"} onClick={(e) => (e.preventDefault(), navigate("/"))}>Haneul</a>
        <nav aria-label="Services">
          {PAGES.map((p, i) => (
            <a key={p.path} href={BASE + p.path} aria-current={p === page ? "page" : undefined} title={i < 9 ? "Alt+" + (i + 1) : undefined}
              onClick={(e) => (e.preventDefault(), navigate(p.path))}>{p.label}</a>
          ))}
        </nav>
        <div class="who">
          <span class={live ? "live on" : "live"} title={live ? "live updates on" : "live updates reconnecting"}>
            {live ? "● live" : "○ offline"}
          </span>
          <span data-testid="account">{session.strict ? session.accessKeyId : "account " + session.accessKeyId} · {session.region}</span>
          <button onClick={() => setTheme(theme === "dark" ? "light" : "dark")} aria-label="Switch theme">
            {theme === "dark" ? "Light" : "Dark"}
          </button>
          <button onClick={signOut}>{session.strict ? "Sign out" : "Switch account"}</button>
        </div>
      </header>
      <main id="main">
        <View key={page.path} />
      </main>
    </AppContext.Provider>
  );
}

function App() {
  const [session, setSession] = useState<Session | null>(loadSession());
  const [strict, setStrict] = useState<boolean | null>(null);
  useEffect(() => void detectStrict().then(setStrict, () => setStrict(true)), []);
  useEffect(() => applyTheme(localStorage.getItem("haneul.theme") ??
    (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light")), []);
  if (strict === null) return <main id="main"><p>Connecting…</p></main>;
  if (!session || session.strict !== strict) {
    return <SignIn strict={strict} onSignedIn={async (s) => {
      await internal(s, "/_haneul/coverage"); // a signed route: a wrong key is refused here
      saveSession(s);
      setSession(s);
    }} />;
  }
  return <Shell session={session} signOut={() => (saveSession(null), setSession(null))} />;
}

render(<App />, document.getElementById("app")!);
