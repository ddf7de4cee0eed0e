/**
 * SIGTERM on a real collector process: screens get close 4000 "restarting", a poll hanging on its upstream
 * is aborted rather than waited for, and the process exits 0 within a few seconds. In-process: the shutdown
 * hooks run once, in order, after the screens are told.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { freePort } from "../helpers/collector-process.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { startServer } from "../../collector/server.ts";
import { CLOSE_RESTARTING } from "../../collector/contract.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "radiator-shutdown-"));
const upstreams: FakeUpstream[] = [];
afterAll(async () => {
  await Promise.all(upstreams.map((u) => u.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function hangingConfig(): Promise<string> {
  const upstream = await fakeUpstream({ "GET /slow": { hang: true } });
  upstreams.push(upstream);
  const path = join(dir, `config-${upstreams.length}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      title: "Shutdown",
      boards: [
        {
          id: "main",
          title: "Main",
          tiles: [
            { id: "slow", title: "Slow", kind: "http", url: `${upstream.url}/slow`, every: "1h", timeout: "30s" },
            { id: "build", title: "Build", kind: "demo", scenario: "build", every: "1s" },
          ],
        },
      ],
    }),
  );
  return path;
}

function openScreen(url: string): Promise<{ closed: Promise<{ code: number; reason: string }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/ws?board=main`);
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.on("close", (code, reason) => r({ code, reason: String(reason) })),
    );
    ws.once("message", () => resolve({ closed }));
    ws.once("error", reject);
  });
}

describe("graceful shutdown", () => {
  it("SIGTERM: screens see 4000 restarting, the hanging poll is aborted, exit code 0", async () => {
    const configPath = await hangingConfig();
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin/radiator.js"), "serve", "--config", configPath, "--port", String(port)],
      {
        cwd: ROOT,
        env: { ...process.env, RADIATOR_LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    while (
      !(await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (child.exitCode !== null || Date.now() - started > 20_000) throw new Error(`collector did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const screen = await openScreen(url);
    // The slow poll is in flight once the upstream has seen it.
    while (upstreams[0]!.hits("GET /slow").length === 0) await new Promise((r) => setTimeout(r, 50));

    const sent = Date.now();
    child.kill("SIGTERM");
    expect(await screen.closed).toEqual({ code: CLOSE_RESTARTING, reason: "restarting" });
    expect(await exit).toBe(0);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(out).toMatch(/SIGTERM: closing screens/);
    expect(out).not.toMatch(/poll failed/);
  });

  it("runs the shutdown hooks once, in order, after the polls stop; a failing hook does not stop the rest", async () => {
    const server = await startServer({ configPath: await hangingConfig(), port: 0, host: "127.0.0.1", watch: false });
    const screen = await openScreen(server.url);
    const order: string[] = [];
    server.onShutdown("history", async () => {
      await new Promise((r) => setTimeout(r, 50));
      order.push(`history (polls left: ${server.runtime.scheduler.pollCount})`);
    });
    server.onShutdown("broken", () => {
      throw new Error("disk full");
    });
    server.onShutdown("last", () => void order.push("last"));
    await Promise.all([server.close(), server.close()]);
    expect((await screen.closed).code).toBe(CLOSE_RESTARTING);
    expect(order).toEqual(["history (polls left: 0)", "last"]);
  });
});
