/**
 * Debian's redis-server on a free loopback port for the cluster tests: no persistence
 * (`--save "" --appendonly no`), its own temp dir, stopped and started again on the same
 * port for the "Redis goes away" cases.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./collector-process.ts";

export const REDIS_SERVER = "/usr/bin/redis-server";

export interface RedisServer {
  url: string;
  port: number;
  /** A client for assertions (lazy, made on first use). */
  client(): Redis;
  /** SIGKILL: gone at once, as in a crash. */
  kill(): Promise<void>;
  /** Start again on the same port (empty: no persistence). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface RedisOptions {
  /** `--requirepass`: clients must send it (the URL gets it as redis://:PASSWORD@…). */
  password?: string;
}

export async function startRedis(opts: RedisOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "radiator-redis-"));
  let child: ChildProcess | undefined;
  let out = "";
  let client: Redis | undefined;

  const start = async () => {
    out = "";
    child = spawn(
      REDIS_SERVER,
      [
        ...["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
        ...(opts.password ? ["--requirepass", opts.password] : []),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const probe = new Redis(port, "127.0.0.1", {
      password: opts.password,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    probe.on("error", () => undefined);
    const started = Date.now();
    try {
      while (Date.now() - started < 15_000) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${out}`);
        try {
          await probe.connect();
          if ((await probe.ping()) === "PONG") return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`redis-server did not answer within 15 s:\n${out}`);
    } finally {
      probe.disconnect();
    }
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await gone;
  };

  await start();
  return {
    url: `redis://${opts.password ? `:${encodeURIComponent(opts.password)}@` : ""}127.0.0.1:${port}/0`,
    port,
    client() {
      if (!client) {
        client = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 1, password: opts.password });
        client.on("error", () => undefined);
      }
      return client;
    },
    kill,
    start,
    async close() {
      client?.disconnect();
      await kill();
    },
  };
}
