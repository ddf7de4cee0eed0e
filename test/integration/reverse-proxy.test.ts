/**
 * The README's nginx snippet, run by Debian's nginx in front of a real collector (TLS lines swapped for a
 * plain loopback listener): the page, its precompressed files and the /ws upgrade all pass through.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { freePort, startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt } from "../helpers/browser.ts";
import type { ServerMessage } from "../../collector/contract.ts";

const README = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
const dir = mkdtempSync(join(tmpdir(), "radiator-nginx-"));
let nginx: ChildProcess | undefined;
let collector: CollectorProcess | undefined;

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx!.once("exit", r));
    nginx.kill("SIGTERM");
    await exited;
  }
  await collector?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The README's ```nginx block, listening on loopback without TLS and proxying to this collector. */
function snippet(listenPort: number, upstreamPort: number): string {
  const block = /```nginx\n([\s\S]*?)```/.exec(README)?.[1];
  if (!block) throw new Error("README.md has no ```nginx block");
  return block
    .replace(/^\s*ssl_certificate.*\n/gm, "")
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${listenPort};`)
    .replace("proxy_pass http://127.0.0.1:8080;", `proxy_pass http://127.0.0.1:${upstreamPort};`);
}

describe("the README's nginx reverse proxy", () => {
  it("passes the page, its encodings and the WebSocket upgrade", async () => {
    ensurePageBuilt();
    collector = await startCollector({ config: { title: "Proxied", boards: [{ id: "team", title: "Team", tiles: [
      { id: "p1", title: "Build", kind: "demo", scenario: "build", every: "1s" },
    ] }] } });
    const port = await freePort();
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir};`).join(" ");
    writeFileSync(join(dir, "nginx.conf"), `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\n` +
      `http {\n access_log off; ${temp}\n${snippet(port, collector.port)}\n}\n`);
    nginx = spawn("nginx", ["-c", join(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    nginx.stderr!.on("data", (d) => (err += d));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    while (!(await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) {
      if (nginx.exitCode !== null || Date.now() - started > 15_000) throw new Error(`nginx did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const page = await fetch(`${url}/`, { headers: { "accept-encoding": "br" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBe("br");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const etag = page.headers.get("etag")!;
    expect((await fetch(`${url}/`, { headers: { "accept-encoding": "br", "if-none-match": etag } })).status).toBe(304);
    expect(await page.text()).toMatch(/<div id="app"|<script/);
    const hello = await new Promise<ServerMessage>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?board=team`);
      ws.once("message", (d) => { resolve(JSON.parse(String(d)) as ServerMessage); ws.close(); });
      ws.once("error", reject);
    });
    expect(hello.type).toBe("hello");
  });
});
