/**
 * Issue 16, fencing: a leader paused past its lease (SIGSTOP longer than the TTL, then SIGCONT)
 * must not write after another replica took over. First the scripts themselves against a real
 * redis-server (a stale token's write is refused, the newest one's accepted), then three real
 * collectors with the leader stopped and continued.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisServer } from "../../helpers/redis-server.ts";
import { fakeUpstream, type FakeUpstream } from "../../helpers/fake-upstream.ts";
import type { CollectorProcess } from "../../helpers/collector-process.ts";
import { clusterConfig, leaders, metric, startReplicas, until } from "../../helpers/cluster.ts";
import { connectRedis } from "../../../collector/cluster/redis.ts";
import { clusterKeys } from "../../../collector/cluster/keys.ts";
import { readState, writeState } from "../../../collector/cluster/state.ts";
import type { Tile } from "../../../collector/contract.ts";

const TTL_MS = 1500;

let redis: RedisServer;
let upstream: FakeUpstream;
let replicas: CollectorProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  upstream = await fakeUpstream({ "GET /a": { json: {} } });
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await upstream?.close();
  await redis?.close();
});

const tile = (summary: string): Tile => ({
  id: "t",
  board: "b",
  title: "T",
  kind: "http",
  status: "ok",
  running: false,
  since: null,
  checkedAt: null,
  stale: false,
  summary,
});

describe("cluster: fencing", () => {
  it("refuses a write from a stale fencing token and takes the newest one's", async () => {
    const keys = clusterKeys("fence-test");
    const conn = connectRedis(redis.url, 2000);
    conn.main.on("error", () => undefined);
    await conn.main.connect();
    try {
      const first = Number(await conn.acquire(keys.lease, keys.fence, "old", 60_000));
      expect(first).toBe(1);
      // Held: nobody else gets it.
      expect(Number(await conn.acquire(keys.lease, keys.fence, "new", 60_000))).toBe(0);
      // The old leader stalls past its TTL (expired here by hand); another replica takes over.
      await conn.main.del(keys.lease);
      const second = Number(await conn.acquire(keys.lease, keys.fence, "new", 60_000));
      expect(second).toBe(2);
      expect(Number(await conn.renew(keys.lease, `${first}:old`, 60_000))).toBe(0);
      const write = (fence: number, writer: string, summary: string) =>
        writeState(conn, keys, {
          fence,
          rev: 5,
          writer,
          full: false,
          frame: Buffer.from("x"),
          tiles: [tile(summary)],
          removed: [],
        });
      expect(await write(second, "new", "from the new leader")).toBe(true);
      expect(await write(first, "old", "from the paused old leader")).toBe(false);
      // Redis restarted empty: the counter starts again, and the old token's number comes round again.
      await conn.main.flushdb();
      expect(Number(await conn.acquire(keys.lease, keys.fence, "new", 60_000))).toBe(1);
      expect(await write(1, "old", "from the old leader, same number")).toBe(false);
      expect(await write(1, "new", "from the new leader")).toBe(true);
      const state = await readState(conn, keys);
      expect(state?.writer).toBe("new");
      expect(state?.tiles.map((t) => t.summary)).toEqual(["from the new leader"]);
    } finally {
      await conn.close();
    }
  });

  it("a leader stopped longer than the TTL stops leading when continued; only the new one writes", async () => {
    const tiles = [{ id: "a", title: "A", kind: "http", url: `${upstream.url}/a`, every: "500ms" }];
    replicas = await startReplicas(3, clusterConfig(redis, `${TTL_MS}ms`, tiles));
    const [old] = await until(
      "one leader",
      async () => {
        const l = await leaders(replicas);
        return l.length === 1 && l;
      },
      15_000,
    );
    const others = replicas.filter((r) => r !== old);
    old!.signal("SIGSTOP");
    const [next] = await until(
      "a new leader while the old one is stopped",
      async () => {
        const l = await leaders(others);
        return l.length === 1 && l;
      },
      TTL_MS * 3 + 2000,
    );
    const nextHost = new URL(next!.url).host;
    // Past the old lease for sure, then continue it.
    await until(
      "the new leader writing",
      async () => (await redis.client().hget("radiator:meta", "writer")) === nextHost,
      5000,
    );
    old!.signal("SIGCONT");
    await until("the old leader following", async () => (await metric(old!, "radiator_cluster_leader")) === 0, 5000);
    expect(await metric(old!, "radiator_cluster_step_downs_total")).toBeGreaterThanOrEqual(1);
    // Several polls later: one leader, and every write Redis took is the new leader's.
    const seen = new Set<string>();
    const rev0 = Number(await redis.client().hget("radiator:meta", "rev"));
    await until(
      "five more writes",
      async () => {
        seen.add((await redis.client().hget("radiator:meta", "writer")) ?? "");
        return Number(await redis.client().hget("radiator:meta", "rev")) >= rev0 + 5;
      },
      15_000,
    );
    expect([...seen]).toEqual([nextHost]);
    expect((await leaders(replicas)).map((r) => r.url)).toEqual([next!.url]);
    expect(await redis.client().get("radiator:lease")).toMatch(new RegExp(`:${nextHost.replace(".", "\\.")}$`));
  });
});
