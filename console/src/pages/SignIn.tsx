// Strict mode: an access key and its secret from the credentials file (kept in this tab's sessionStorage only).
// Permissive mode: the account to act as (Haneul reads a 12-digit access key id as the account).
import { useState } from "preact/hooks";
import type { Session } from "../api";
import { ErrorNote } from "../ui";

export function SignIn({ strict, onSignedIn }: { strict: boolean; onSignedIn: (s: Session) => Promise<void> }) {
  const recent: string[] = JSON.parse(localStorage.getItem("haneul.accounts") ?? '["000000000000"]');
  const [key, setKey] = useState(strict ? "" : recent[0]);
  const [secret, setSecret] = useState("");
  const [region, setRegion] = useState(localStorage.getItem("haneul.region") ?? "us-east-1");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!strict && !/^\d{12}$/.test(key)) return setError("An account id has 12 digits.");
    try {
      await onSignedIn({ accessKeyId: key.trim(), secretAccessKey: strict ? secret : "haneul-console", region, strict });
      localStorage.setItem("haneul.region", region);
      if (!strict) localStorage.setItem("haneul.accounts", JSON.stringify([key, ...recent.filter((a) => a !== key)].slice(0, 8)));
    } catch (err: any) {
      setError(err.status === 403 ? "Haneul refused this key: " + err.message : String(err.message ?? err));
    }
  };
  return (
    <main id="main" class="signin">
      <h1>Haneul console</h1>
      <form onSubmit={submit} class="card">
        {strict ? (
          <>
            <p>This server checks signatures (strict mode). Sign in with an access key from its credentials file; the
              secret stays in this browser tab and is never shown or sent.</p>
            <label>Access key id<input name="accessKeyId" value={key} onInput={(e) => setKey(e.currentTarget.value)} autoComplete="username" required /></label>
            <label>Secret access key<input name="secretAccessKey" type="password" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} autoComplete="current-password" required /></label>
          </>
        ) : (
          <>
            <p>This server trusts the caller (permissive mode). Choose the account to look at.</p>
            <label>Account<input name="account" list="accounts" value={key} onInput={(e) => setKey(e.currentTarget.value)} inputMode="numeric" required /></label>
            <datalist id="accounts">{recent.map((a) => <option key={a} value={a} />)}</datalist>
          </>
        )}
        <label>Region<input name="region" value={region} onInput={(e) => setRegion(e.currentTarget.value)} required /></label>
        <ErrorNote error={error} />
        <button type="submit" class="primary">{strict ? "Sign in" : "Open console"}</button>
      </form>
    </main>
  );
}
