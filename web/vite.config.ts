/**
 * The kiosk page build. The build id is a hash of the page's sources, so an
 * unchanged rebuild keeps the same id (screens do not reload for nothing) and
 * any change gives a new one. It is injected as `__RADIATOR_VERSION__` and
 * written to `dist/version.json`, which the collector sends in `hello.version`.
 */
import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sourceFiles(p) : [p];
    });
}

function buildId(): string {
  const hash = createHash("sha256");
  const files = [
    ...sourceFiles(join(here, "src")),
    join(here, "index.html"),
    join(here, "vite.config.ts"),
    join(here, "../collector/contract.ts"),
    join(here, "../collector/contract-deploys.ts"),
  ];
  for (const f of files) hash.update(f.slice(here.length)).update(readFileSync(f));
  return hash.digest("hex").slice(0, 12);
}

function versionFile(id: string): Plugin {
  return {
    name: "radiator-version",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "version.json", source: JSON.stringify({ version: id }) + "\n" });
    },
  };
}

/**
 * Svelte scopes nested selectors as `:where(.svelte-x)`, which Chromium 79 (the TVs) drops whole rules
 * for. A plain class instead raises specificity by one class for every such rule alike.
 */
function noWhere(): Plugin {
  return {
    name: "radiator-no-where",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === "asset" && file.fileName.endsWith(".css") && typeof file.source === "string") {
          file.source = file.source.replace(/:where\((\.svelte-[\w-]+)\)/g, "$1");
        }
      }
    },
  };
}

function proxy() {
  const target = process.env.RADIATOR_URL ?? "http://127.0.0.1:8080";
  return { "/api": target, "/ws": { target: target.replace(/^http/, "ws"), ws: true } };
}

export default defineConfig(({ command }) => {
  // A build started from inside vitest inherits NODE_ENV=test and would ship Svelte's
  // dev runtime (+5 KiB gz, warnings). `vite build` here always means the kiosk build.
  if (command === "build") process.env.NODE_ENV = "production";
  const id = command === "build" ? buildId() : "dev";
  return {
    root: here,
    base: "/",
    // No `window.__svelte` version stamp: bytes every TV would download for nothing.
    plugins: [svelte({ compilerOptions: { discloseVersion: false } }), versionFile(id), noWhere()],
    define: { __RADIATOR_VERSION__: JSON.stringify(id) },
    build: {
      outDir: join(here, "dist"),
      emptyOutDir: true,
      target: ["es2019", "chrome79"],
      cssTarget: "chrome79",
      reportCompressedSize: false,
      // No preload helper in the TV entry (its bytes are the budget): a lazy chunk fetches its own imports and
      // CSS when it loads, a few ms later on a LAN; the TV view itself loads nothing lazily but what a board needs.
      modulePreload: false,
    },
    // `vite dev` / `vite preview` next to a running collector (RADIATOR_URL, default :8080)
    server: { proxy: proxy() },
    preview: { proxy: proxy() },
  };
});
