/**
 * The README's nginx and Caddy snippets, run by Debian's nginx and caddy in front of a real collector (TLS
 * swapped for a plain loopback listener): the page, its precompressed files, 304s and the /ws upgrade pass.
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
const proxies: ChildProcess[] = [];
let collector: CollectorProcess | undefined;

afterAll(async () => {
  for (const p of proxies) {
    if (p.exitCode !== null) continue;
    const exited = new Promise((r) => p.once("exit", r));
    p.kill("SIGTERM");
    await exited;
  }
  await collector?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function block(lang: string): string {
  const found = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(README)?.[1];
  if (!found) throw new Error(`README.md has no \`\`\`${lang} block`);
  return found;
}

async function collectorPort(): Promise<number> {
  if (!collector) {
    ensurePageBuilt();
    collector = await startCollector({
      config: {
        title: "Proxied",
        boards: [
          {
            id: "team",
            title: "Team",
            tiles: [{ id: "p1", title: "Build", kind: "demo", scenario: "build", every: "1s" }],
          },
        ],
      },
    });
  }
  return collector.port;
}

async function startProxy(
  command: string,
  args: string[],
  port: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const proxy = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env });
  proxies.push(proxy);
  let err = "";
  proxy.stderr!.on("data", (d) => (err += d));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (proxy.exitCode !== null || Date.now() - started > 15_000) throw new Error(`${command} did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return url;
}

async function expectPassesThrough(url: string): Promise<void> {
  const page = await fetch(`${url}/`, { headers: { "accept-encoding": "br" } });
  expect(page.status).toBe(200);
  expect(page.headers.get("content-encoding")).toBe("br");
  expect(page.headers.get("cache-control")).toBe("no-cache");
  const etag = page.headers.get("etag")!;
  expect(await page.text()).toMatch(/<script/);
  expect((await fetch(`${url}/`, { headers: { "accept-encoding": "br", "if-none-match": etag } })).status).toBe(304);
  const hello = await new Promise<ServerMessage>((resolve, reject) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/ws?board=team`);
    ws.once("message", (d) => {
      resolve(JSON.parse(String(d)) as ServerMessage);
      ws.close();
    });
    ws.once("error", reject);
  });
  expect(hello.type).toBe("hello");
}

describe("the README's reverse proxies", () => {
  it("nginx passes the page, its encodings and the WebSocket upgrade", async () => {
    const upstream = await collectorPort();
    const port = await freePort();
    const site = block("nginx")
      .replace(/^\s*ssl_certificate.*\n/gm, "")
      .replace("listen 443 ssl;", `listen 127.0.0.1:${port};`)
      .replace("proxy_pass http://127.0.0.1:8080;", `proxy_pass http://127.0.0.1:${upstream};`);
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir};`).join(" ");
    writeFileSync(
      join(dir, "nginx.conf"),
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\n` +
        `http {\n access_log off; ${temp}\n${site}\n}\n`,
    );
    await expectPassesThrough(
      await startProxy("nginx", ["-c", join(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"], port),
    );
  });

  it("Caddy passes the page, its encodings and the WebSocket upgrade", async () => {
    const upstream = await collectorPort();
    const port = await freePort();
    // No admin endpoint (a fixed port) and no certificates: plain HTTP on a loopback port.
    const site = block("caddy")
      .replace("radiator.office.lan {", `http://127.0.0.1:${port} {`)
      .replace("reverse_proxy 127.0.0.1:8080", `reverse_proxy 127.0.0.1:${upstream}`);
    writeFileSync(join(dir, "Caddyfile"), `{\n\tadmin off\n\tauto_https off\n}\n${site}`);
    const env = { ...process.env, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir };
    await expectPassesThrough(
      await startProxy("caddy", ["run", "--config", join(dir, "Caddyfile"), "--adapter", "caddyfile"], port, env),
    );
  });
});
