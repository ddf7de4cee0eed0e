/**
 * Three collectors as real processes sharing one real redis-server, for the cluster tests;
 * plus the few probes those tests need (role from /metrics, Redis's view of the lease).
 */
import { startCollector, type CollectorProcess } from "./collector-process.ts";
import type { RedisServer } from "./redis-server.ts";

export interface ClusterConfig {
  redis: RedisServer;
  upstreamUrl: string;
  leaseTtl: string;
  tiles: object[];
}

export function clusterConfig(c: ClusterConfig): object {
  return {
    cluster: { redis: c.redis.url, leaseTtl: c.leaseTtl },
    boards: [{ id: "ops", title: "Ops", tiles: c.tiles }],
  };
}

export async function startReplicas(n: number, config: object): Promise<CollectorProcess[]> {
  const replicas: CollectorProcess[] = [];
  // One after another: the first takes the lease, so which one leads is known... but not assumed.
  for (let i = 0; i < n; i++) replicas.push(await startCollector({ config }));
  return replicas;
}

/** A metric's value on one replica (first sample), or undefined when it is not there. */
export async function metric(replica: CollectorProcess, name: string, labels = ""): Promise<number | undefined> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

export async function isLeader(replica: CollectorProcess): Promise<boolean> {
  try {
    return (await metric(replica, "radiator_cluster_leader")) === 1;
  } catch {
    return false;
  }
}

/** Bounded polling for a condition; throws with the last reason when it does not hold in time. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}

export async function leaders(replicas: CollectorProcess[]): Promise<CollectorProcess[]> {
  const flags = await Promise.all(replicas.map(isLeader));
  return replicas.filter((_, i) => flags[i]);
}
