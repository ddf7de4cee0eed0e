// `npm run build` (--force) and `npm start`/`npm pack` (only what is stale): the collector compiled to
// dist/collector by tsc, then the page (web/dist, vite) precompressed. Build tools are dev dependencies.
import { existsSync, statSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const force = process.argv.includes("--force");

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((t, name) => Math.max(t, newest(join(path, name))), 0);
}

const built = join(root, "dist/collector/main.js");
const sources = Math.max(
  newest(join(root, "collector")),
  newest(join(root, "tsconfig.json")),
  newest(join(root, "tsconfig.build.json")),
);
if (force || !existsSync(built) || statSync(built).mtimeMs < sources) {
  console.error("radiator: compiling the collector (dist/collector)…");
  // From scratch: a source moved or deleted must not live on as a stale .js in the package.
  rmSync(join(root, "dist/collector"), { recursive: true, force: true });
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    stdio: "inherit",
    cwd: root,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const web = spawnSync(
  process.execPath,
  [join(root, "scripts/build-web-if-needed.mjs"), ...(force ? ["--force"] : [])],
  { stdio: "inherit", cwd: root },
);
process.exit(web.status ?? 1);
