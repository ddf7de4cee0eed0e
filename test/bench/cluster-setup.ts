/**
 * The cluster bench's parts: Debian's redis-server on a free loopback port (the integration
 * tests' helper), collectors as real processes (the compiled build, as `procs.ts` starts them)
 * sharing it, which of them leads, and Redis's own counters (its CPU from /proc, its bytes from
 * `INFO stats`).
 */
import type { RedisServer } from "../helpers/redis-server.ts";
import { cpuNs, sleep } from "./proc.ts";
import { startCollector, type Served } from "./procs.ts";

/** A sample of one metric on a collector's /metrics (0 when absent). */
export async function metricValue(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

export interface Cluster {
  replicas: Served[];
  leader: Served;
  followers: Served[];
}

/** `n` replicas of the same config with `cluster.redis` set, started together; resolves once one leads. */
export async function startReplicas(redis: RedisServer, config: object, n: number): Promise<Cluster> {
  const clustered = { ...config, cluster: { redis: redis.url } };
  const replicas = await Promise.all(Array.from({ length: n }, () => startCollector(clustered)));
  for (let i = 0; i < 300; i++) {
    const flags = await Promise.all(replicas.map((r) => metricValue(r.url, "radiator_cluster_leader")));
    if (flags.filter((f) => f === 1).length === 1) {
      const leader = replicas[flags.indexOf(1)]!;
      return { replicas, leader, followers: replicas.filter((r) => r !== leader) };
    }
    await sleep(100);
  }
  await Promise.all(replicas.map((r) => r.stop()));
  throw new Error("no single leader among the replicas within 30 s");
}

/** Until every tile on every one of `urls` has had its first poll and the replicas agree on the rev. */
export async function firstPolls(urls: string[]): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const states = await Promise.all(
      urls.map(
        async (u) => (await (await fetch(`${u}/api/state`)).json()) as { rev: number; tiles: { checkedAt: unknown }[] },
      ),
    );
    if (states.every((s) => s.tiles.every((t) => t.checkedAt))) return;
    await sleep(100);
  }
  throw new Error("the first polls did not land within 30 s");
}

export interface RedisCounters {
  cpuNs: number;
  inBytes: number;
  outBytes: number;
  /** This `INFO` answer's own size: it goes out after its counters were read, so the next reading has it. */
  answerBytes: number;
}

/** Redis's CPU (all its threads) and the bytes it read and wrote, from /proc and `INFO stats`. */
export async function redisCounters(redis: RedisServer, pid: number): Promise<RedisCounters> {
  const text = await redis.client().info("stats");
  const field = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(text)?.[1] ?? NaN);
  return {
    cpuNs: cpuNs(pid),
    inBytes: field("total_net_input_bytes"),
    outBytes: field("total_net_output_bytes"),
    answerBytes: Buffer.byteLength(`$${Buffer.byteLength(text)}\r\n${text}\r\n`),
  };
}

/** `INFO stats` as RESP is 27 bytes in. */
const INFO_COMMAND_BYTES = 27;

/** What Redis did between two readings, without the bench's own two `INFO`s. */
export function redisDelta(a: RedisCounters, b: RedisCounters): { cpuNs: number; inBytes: number; outBytes: number } {
  return {
    cpuNs: b.cpuNs - a.cpuNs,
    inBytes: b.inBytes - a.inBytes - INFO_COMMAND_BYTES,
    outBytes: b.outBytes - a.outBytes - a.answerBytes,
  };
}

export async function redisPid(redis: RedisServer): Promise<number> {
  const text = await redis.client().info("server");
  return Number(/process_id:(\d+)/.exec(text)?.[1]);
}
