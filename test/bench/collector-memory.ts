/**
 * The production collector's memory: the compiled build (`npm run build`) run as its own process on the demo
 * board, left idle, its resident set read from /proc/PID/status (kB there are KiB). Not a test: it depends on
 * the machine.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { freePort } from "../helpers/collector-process.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CollectorMemory {
  /** The median of ten readings. */
  rssBytes: number;
  maxBytes: number;
  idleSeconds: number;
}

export async function collectorMemory(idleSeconds = 10): Promise<CollectorMemory> {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
  const port = await freePort();
  const env = { ...process.env };
  delete env.RADIATOR_FROM_SOURCE;
  // Run as npx and systemd run it: the executable itself, so its shebang's V8 flags apply.
  const child = spawn(join(ROOT, "bin/radiator.js"), ["serve", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`collector exited with ${child.exitCode}`);
      if (Date.now() - started > 20_000) throw new Error("collector did not answer /healthz within 20 s");
      if (
        await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Settle, then one reading a second for 10 s: the median, so one scavenge caught mid-way does not decide.
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      samples.push(Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024);
      await new Promise((r) => setTimeout(r, 1000));
    }
    samples.sort((a, b) => a - b);
    return { rssBytes: samples[5]!, maxBytes: samples[9]!, idleSeconds: idleSeconds + 10 };
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}
