/**
 * Runs the collector as a real process (`node bin/radiator.js serve`) on a
 * free loopback port, for integration and end-to-end tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:net";
import type { StateAnswer, Tile } from "../../collector/contract.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CollectorOptions {
  /** An object is written to a temp file; a string is a path. */
  config: object | string;
  port?: number;
  env?: Record<string, string>;
  /** The history's directory; default a fresh temp dir (never ./data in the repo). */
  dataDir?: string;
}

export interface CollectorProcess {
  url: string;
  port: number;
  configPath: string;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Replace the config file (an object is serialised); the collector reloads it by itself. */
  writeConfig(config: object | string): void;
  stop(): Promise<void>;
  /** SIGKILL: no goodbye to the screens, no cleanup (a crash or an OOM kill). */
  kill(): Promise<void>;
  /** Send a signal as it is (SIGSTOP/SIGCONT for a paused process). */
  signal(name: NodeJS.Signals): void;
  /** Stop, then start again on the same port with the same config. */
  restart(): Promise<void>;
  state(board?: string): Promise<StateAnswer>;
  waitForTile(id: string, predicate: (t: Tile) => boolean, timeoutMs?: number): Promise<Tile>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function startCollector(opts: CollectorOptions): Promise<CollectorProcess> {
  const port = opts.port ?? (await freePort());
  const configPath =
    typeof opts.config === "string" ? opts.config : join(mkdtempSync(join(tmpdir(), "radiator-")), "config.json");
  if (typeof opts.config !== "string") writeFileSync(configPath, JSON.stringify(opts.config, null, 2));
  const url = `http://127.0.0.1:${port}`;
  const dataDir = opts.dataDir ?? join(mkdtempSync(join(tmpdir(), "radiator-data-")), "data");
  let child: ChildProcess | undefined;
  let out = "";

  const launch = async () => {
    out = "";
    child = spawn(
      process.execPath,
      [
        join(ROOT, "bin/radiator.js"),
        "serve",
        "--config",
        configPath,
        "--port",
        String(port),
        "--host",
        "127.0.0.1",
        "--data",
        dataDir,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...opts.env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const started = Date.now();
    // generous: seven other test runs may share the two cores
    while (Date.now() - started < 45_000) {
      if (child.exitCode !== null) throw new Error(`collector exited with ${child.exitCode}:\n${out}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`collector did not answer /healthz within 45 s:\n${out}`);
  };

  const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const kill = async () => {
    const c = child;
    if (!c || exited(c)) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await gone;
  };
  const stop = async () => {
    const c = child;
    if (!c || exited(c)) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGTERM");
    const timer = setTimeout(() => c.kill("SIGKILL"), 5000);
    await gone;
    clearTimeout(timer);
  };

  await launch();
  const state = async (board?: string) => {
    const res = await fetch(`${url}/api/state${board ? `?board=${board}` : ""}`);
    return (await res.json()) as StateAnswer;
  };
  return {
    url,
    port,
    configPath,
    dataDir,
    output: () => out,
    writeConfig: (config) =>
      writeFileSync(configPath, typeof config === "string" ? config : JSON.stringify(config, null, 2)),
    stop,
    kill,
    signal: (name) => void child?.kill(name),
    restart: async () => {
      await stop();
      await launch();
    },
    state,
    async waitForTile(id, predicate, timeoutMs = 15_000) {
      const started = Date.now();
      let last: Tile | undefined;
      while (Date.now() - started < timeoutMs) {
        last = (await state()).tiles.find((t) => t.id === id);
        if (last && predicate(last)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(
        `tile ${id} did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(last)}`,
      );
    },
  };
}
