/**
 * The package as an office installs it: `npm pack`, then `npm install ./radiator-*.tgz` in an empty folder
 * (production dependencies only, no build step, no tsx), then `npx radiator serve` answering HTTP and /ws.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { freePort } from "../helpers/collector-process.ts";
import type { ServerMessage } from "../../collector/contract.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "radiator-pack-"));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child!.once("exit", r));
    process.kill(-child.pid, "SIGTERM"); // npx → sh → node: the whole group
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of an operator's shell: no test-suite switches. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.RADIATOR_FROM_SOURCE;
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  return env;
}

describe("the packed package", () => {
  it("installs into an empty folder and serves /healthz, the page and /ws", { timeout: 240_000 }, async () => {
    execFileSync("npm", ["pack", "--pack-destination", dir, "--silent"], { cwd: ROOT, env: cleanEnv(), stdio: "pipe" });
    const tarball = readdirSync(dir).find((f) => /^radiator-.*\.tgz$/.test(f));
    expect(tarball).toBeDefined();
    const app = join(dir, "app");
    execFileSync("mkdir", [app]);
    // better-sqlite3 compiles from source on install here (no prebuilt binary can be fetched): minutes on two
    // busy cores. Its install script is skipped and the checkout's build of the same version is copied in,
    // so this test proves the package, not the C++ compiler (`npm ci` of the checkout compiled it already).
    execFileSync(
      "npm",
      ["install", `../${tarball}`, "--prefer-offline", "--no-audit", "--no-fund", "--omit=dev", "--ignore-scripts"],
      { cwd: app, env: cleanEnv(), stdio: "pipe" },
    );
    const installed = join(app, "node_modules");
    const version = (root: string) =>
      (JSON.parse(readFileSync(join(root, "better-sqlite3", "package.json"), "utf8")) as { version: string }).version;
    expect(version(installed)).toBe(version(join(ROOT, "node_modules")));
    cpSync(join(ROOT, "node_modules", "better-sqlite3", "build"), join(installed, "better-sqlite3", "build"), {
      recursive: true,
    });
    // Build tools stay out of a production install.
    for (const tool of ["vite", "svelte", "tsx", "typescript", "@sveltejs/vite-plugin-svelte"]) {
      expect(existsSync(join(installed, tool)), tool).toBe(false);
    }
    const configPath = join(app, "radiator.json");
    writeFileSync(
      configPath,
      JSON.stringify({
        title: "Packed",
        boards: [
          {
            id: "office",
            title: "Office",
            tiles: [{ id: "b", title: "Build", kind: "demo", scenario: "build", every: "1s" }],
          },
        ],
      }),
    );
    const port = await freePort();
    let out = "";
    child = spawn("npx", ["radiator", "serve", "--config", configPath, "--port", String(port), "--host", "127.0.0.1"], {
      cwd: app,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`radiator exited with ${child.exitCode}:\n${out}`);
      if (Date.now() - started > 30_000) throw new Error(`no /healthz within 30 s:\n${out}`);
      if (
        await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
    const page = await fetch(`${url}/`, { headers: { "accept-encoding": "br" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text(); // fetch decodes br
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${url}${script}`)).status).toBe(200);
    const hello = await new Promise<ServerMessage>((resolve, reject) => {
      const ws = new WebSocket(`${url.replace("http", "ws")}/ws?board=office`);
      ws.once("message", (d) => {
        resolve(JSON.parse(String(d)) as ServerMessage);
        ws.close();
      });
      ws.once("error", reject);
    });
    expect(hello.type).toBe("hello");
  });
});
