/** Starting the bench's processes: the collector (compiled, as `npm start` runs it), the bare server, the screens. */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../helpers/collector-process.ts";
import { shebangRuntime } from "../helpers/shebang.ts";
import type { Command } from "./screens.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HERE = fileURLToPath(new URL(".", import.meta.url));

export interface Served {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      // exited, or killed by a signal (then exitCode stays null): stopping twice must not wait for an exit already seen
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

/**
 * What `npm start` runs: bin/radiator.js's shebang line (`env -S VAR=… node --flag…`) gives the
 * environment (glibc's arena and trim settings) and node's flags, so the bench measures the same process;
 * `BENCH_NODE_FLAGS` come after the shebang's flags, so they win (e.g. `--no-memory-reducer`). Not in the idle-RSS
 * section (collector-memory.ts): that runs bin/radiator.js itself, with its shebang's flags only.
 * The bare baselines run with the same flags and environment too: an A/B of code, not of V8 settings.
 */
export function nodeRuntime(): { env: Record<string, string>; flags: string[] } {
  const { env, flags } = shebangRuntime();
  const extra = (process.env.BENCH_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);
  return { env, flags: [...flags, ...extra] };
}

/** `node` flags and env for the collector's process (e.g. the loop probe's `--import`): none by default. */
export interface CollectorExtras {
  args?: string[];
  env?: Record<string, string>;
}

export async function startCollector(config: object, extras: CollectorExtras = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), "radiator-bench-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  const port = await freePort();
  const start = nodeRuntime();
  const prof = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const args = [
    ...prof,
    ...(extras.args ?? []),
    ...start.flags,
    join(ROOT, "bin/radiator.js"),
    "serve",
    "--config",
    join(dir, "config.json"),
  ];
  args.push("--port", String(port), "--host", "127.0.0.1", "--data", join(dir, "data"));
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...start.env, RADIATOR_LOG_LEVEL: "error", AM_SECRET: "bench-secret", ...extras.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { pid: child.pid!, url, stop: stopper(child) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the collector did not start");
}

/** The bare `ws` broadcast server, or another bench server script (given its arguments) that prints its port. */
export async function startBare(script = "bare-server.ts", ...args: string[]): Promise<Served> {
  const { env, flags } = nodeRuntime();
  const child = spawn(process.execPath, [...flags, "--import", "tsx", join(HERE, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.once("data", (d: Buffer) => resolve(String(d).trim())),
  );
  return { pid: child.pid!, url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

/** The screens' process, and a promise-returning way to command it. */
export function startScreens() {
  const child = fork(join(HERE, "screens.ts"), [], { execArgv: ["--import", "tsx"], cwd: ROOT });
  const waiting: ((m: unknown) => void)[] = [];
  child.on("message", (m) => waiting.shift()?.(m));
  const ask = <T = unknown>(cmd: Command): Promise<T> =>
    new Promise((resolve) => {
      waiting.push(resolve as (m: unknown) => void);
      child.send(cmd);
    });
  return { ask, stop: stopper(child) };
}
