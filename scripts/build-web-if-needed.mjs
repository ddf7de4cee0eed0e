// `npm start` builds the page first when web/dist is missing or older than its sources, then precompresses it.
import { existsSync, statSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { precompress } from "./precompress.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const marker = join(root, "web/dist/version.json");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(root, "web/src")),
  statSync(join(root, "web/index.html")).mtimeMs,
  statSync(join(root, "web/vite.config.ts")).mtimeMs,
  statSync(join(root, "collector/contract.ts")).mtimeMs,
);
if (existsSync(marker) && statSync(marker).mtimeMs >= sources && process.argv[2] !== "--force") process.exit(0);
console.error("radiator: building the kiosk page (web/dist)…");
const r = spawnSync(
  process.execPath,
  [
    join(root, "node_modules/vite/bin/vite.js"),
    "build",
    "--config",
    join(root, "web/vite.config.ts"),
    "--logLevel",
    "warn",
  ],
  { stdio: "inherit", cwd: root },
);
if (r.status === 0) precompress(join(root, "web/dist"));
process.exit(r.status ?? 1);
