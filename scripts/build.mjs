// `npm run build` (--force) and `npm start`/`npm pack` (only what is stale): the collector bundled to
// dist/collector/main.js by esbuild, then the page (web/dist, vite) precompressed. Build tools are dev dependencies.
import { existsSync, statSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
const sources = Math.max(newest(join(root, "collector")), newest(join(root, "package.json")));
if (force || !existsSync(built) || statSync(built).mtimeMs < sources) {
  console.error("radiator: compiling the collector (dist/collector)…");
  // From scratch: a source moved or deleted must not live on as a stale .js in the package.
  rmSync(join(root, "dist/collector"), { recursive: true, force: true });
  // One bundle, not a file per module: tree-shaken pure-JS dependencies (zod's 40 locales, most of hono) and one
  // module record instead of hundreds save ~3 MB of an idle collector's heap (issue 15). Dependencies with
  // native parts or their own lazy loading stay in node_modules; so does any dependency not listed here.
  // Types are checked by `tsc -p .` in `npm test`; esbuild only strips them.
  const BUNDLED = ["zod", "hono", "@hono/node-server", "jsonc-parser", "prom-client"];
  const { dependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(root, "collector/main.ts")],
    outfile: built,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its `module` build is plain ESM
    mainFields: ["module", "main"],
    external: Object.keys(dependencies).filter((d) => !BUNDLED.includes(d)),
    // CommonJS dependencies in the bundle (prom-client) call require() for Node's built-in modules
    banner: {
      js: 'import { createRequire as __radiatorRequire } from "node:module";\nconst require = __radiatorRequire(import.meta.url);',
    },
    // Whitespace and syntax only: names stay, so a stack trace in a log still says where.
    minifyWhitespace: !process.env.RADIATOR_BUILD_READABLE,
    minifySyntax: true,
    legalComments: "none",
    logLevel: "warning",
  });
}
const web = spawnSync(
  process.execPath,
  [join(root, "scripts/build-web-if-needed.mjs"), ...(force ? ["--force"] : [])],
  { stdio: "inherit", cwd: root },
);
process.exit(web.status ?? 1);
