// Builds the console for Maven without redoing work: `npm ci` only when package-lock.json differs from what
// node_modules was installed from, `vite build` only when a source is newer than the last build's output.
// Usage: node build.mjs <output directory>
import { execSync } from "node:child_process";
import { existsSync, readFileSync, statSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const out = resolve(process.argv[2] ?? "target/classes/haneul-console");
const lock = readFileSync("package-lock.json", "utf8");
const installedFrom = "node_modules/.haneul-lock";
if (!existsSync(installedFrom) || readFileSync(installedFrom, "utf8") !== lock) {
  const t0 = Date.now();
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
  writeFileSync(installedFrom, lock);
  console.log(`console: npm ci took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}
const stamp = join(out, ".built");
const inputs = ["src", "index.html", "vite.config.ts", "tsconfig.json", "package-lock.json", "public"].filter(existsSync);
if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs.map(newest))) {
  console.log("console: up to date");
  process.exit(0);
}
const t0 = Date.now();
execSync(`npx tsc --noEmit && npx vite build --outDir "${out}" --emptyOutDir`, { stdio: "inherit" });
mkdirSync(out, { recursive: true });
writeFileSync(stamp, new Date().toISOString());
console.log(`console: built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
