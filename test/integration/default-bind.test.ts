// With no --host and no HOST, the collector listens on loopback only: screens elsewhere need an explicit choice.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/collector-process.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const stops: (() => void)[] = [];
afterAll(() => stops.forEach((s) => s()));

describe("radiator serve without --host", () => {
  it("binds 127.0.0.1 only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "radiator-bind-"));
    const config = join(dir, "c.json");
    const tiles = [{ id: "t", title: "T", kind: "demo", every: "1h" }];
    writeFileSync(config, JSON.stringify({ boards: [{ id: "b", title: "B", tiles }] }));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, RADIATOR_LOG_LEVEL: "info" };
    delete env.HOST;
    const args = [join(ROOT, "bin/radiator.js"), "serve", "--config", config, "--port", String(port)];
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    stops.push(() => child.kill("SIGTERM"));
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const started = Date.now();
    while (!out.includes("open http://") && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`open http://127.0.0.1:${port}/`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // Any other address of this machine must not answer.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === "IPv4" && !i.internal)
      .map((i) => i!.address);
    for (const address of others) {
      await expect(fetch(`http://${address}:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  });
});
