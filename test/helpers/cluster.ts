/**
 * Collectors as real processes sharing one real redis-server, for the cluster tests;
 * plus the few probes those tests need (role from /metrics, Redis's view of the lease).
 */
import { startCollector, type CollectorProcess } from "./collector-process.ts";
import type { RedisServer } from "./redis-server.ts";
import type { Tile } from "../../collector/contract.ts";

export function clusterConfig(redis: RedisServer, leaseTtl: string, tiles: object[]): object {
  return {
    cluster: { redis: redis.url, leaseTtl },
    boards: [{ id: "ops", title: "Ops", tiles }],
  };
}

/** Started together: which one takes the lease first is up to them, and no test assumes it. */
export async function startReplicas(n: number, config: object): Promise<CollectorProcess[]> {
  return Promise.all(Array.from({ length: n }, () => startCollector({ config })));
}

/** A metric's value on one replica (the sample with these labels), or undefined when it is not there. */
export async function metric(replica: CollectorProcess, name: string, labels = ""): Promise<number | undefined> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

export async function isLeader(replica: CollectorProcess): Promise<boolean> {
  return (await metric(replica, "radiator_cluster_leader")) === 1;
}

export async function leaders(replicas: CollectorProcess[]): Promise<CollectorProcess[]> {
  const flags = await Promise.all(replicas.map((r) => isLeader(r).catch(() => false)));
  return replicas.filter((_, i) => flags[i]);
}

/** Bounded polling for a condition; throws with the last reason when it does not hold in time. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
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

/** Tiles as /api/state lists them, by id, for comparing replicas. */
export async function tilesOf(replica: CollectorProcess): Promise<Record<string, Tile>> {
  return Object.fromEntries((await replica.state()).tiles.map((t) => [t.id, t]));
}

/** Every replica's /api/state equal (rev and tiles): the value, or false. */
export async function sameState(replicas: CollectorProcess[]): Promise<Record<string, Tile> | false> {
  const states = await Promise.all(replicas.map((r) => r.state()));
  const first = JSON.stringify(states[0]);
  return states.every((s) => JSON.stringify(s) === first)
    ? Object.fromEntries(states[0]!.tiles.map((t) => [t.id, t]))
    : false;
}
