/**
 * Issue 16, Redis trouble never lies: with the real redis-server killed, every replica's screens
 * get a notice, tiles turn grey when their data is older than staleAfter (never a green on old
 * data), and when Redis is back (empty: no persistence) the cluster heals by itself: one leader,
 * fresh tiles, the notice cleared, every replica equal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisServer } from "../../helpers/redis-server.ts";
import { fakeUpstream, type FakeUpstream } from "../../helpers/fake-upstream.ts";
import type { CollectorProcess } from "../../helpers/collector-process.ts";
import { clusterConfig, leaders, metric, sameState, startReplicas, until } from "../../helpers/cluster.ts";
import { openScreen, type Screen } from "../../helpers/screen.ts";
import { REDIS_BACK_NOTICE, REDIS_DOWN_NOTICE } from "../../../collector/cluster/node.ts";

const TTL_MS = 1500;
const STALE_MS = 3000;
/** The sweep runs once a second; a loaded box adds a little. */
const SWEEP_SLACK_MS = 1500;

let redis: RedisServer;
let upstream: FakeUpstream;
let replicas: CollectorProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  upstream = await fakeUpstream({ "GET /a": { json: {} }, "GET /b": { json: {} } });
  const tiles = ["a", "b"].map((id) => ({
    id,
    title: id,
    kind: "http",
    url: `${upstream.url}/${id}`,
    every: "500ms",
    staleAfter: `${STALE_MS}ms`,
  }));
  replicas = await startReplicas(3, clusterConfig(redis, `${TTL_MS}ms`, tiles));
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await upstream?.close();
  await redis?.close();
});

describe("cluster: Redis goes away and comes back", () => {
  it("tells every screen, greys tiles on time, and recovers by itself", async () => {
    await until("one leader", async () => (await leaders(replicas)).length === 1, 15_000);
    await until(
      "every replica green",
      async () => {
        const s = await sameState(replicas);
        return s && Object.values(s).every((t) => t.status === "ok");
      },
      15_000,
    );
    const screens: Screen[] = await Promise.all(replicas.map((r) => openScreen(r.url, "ops")));
    await until("screens' first snapshot", () => screens.every((s) => s.rev !== null), 5000);

    await redis.kill();
    await until(
      "a notice on every screen",
      () => screens.every((s) => s.notices.at(-1)?.text === REDIS_DOWN_NOTICE),
      5000,
    );
    expect(screens.every((s) => s.notices.at(-1)?.level === "error")).toBe(true);

    // No replica polls for long on a lease it cannot confirm; every tile greys within staleAfter of its last data.
    const falseGreens: string[] = [];
    await until(
      "every tile grey on every replica",
      async () => {
        const states = await Promise.all(replicas.map((r) => r.state()));
        const now = Date.now();
        for (const t of states.flatMap((s) => s.tiles)) {
          // A green is allowed only on data younger than staleAfter (plus the sweep's second).
          const age = now - Date.parse(t.checkedAt!);
          if (t.status === "ok" && age >= STALE_MS + SWEEP_SLACK_MS) falseGreens.push(`${t.id} ok at ${age} ms old`);
        }
        return states.every((s) => s.tiles.every((t) => t.status === "unknown" && t.stale));
      },
      TTL_MS + STALE_MS + SWEEP_SLACK_MS + 3000,
      200,
    );
    expect(falseGreens).toEqual([]);
    expect((await leaders(replicas)).length).toBe(0);
    for (const r of replicas) expect(await metric(r, "radiator_cluster_redis_up")).toBe(0);
    // Screens saw it too: nothing green on any.
    await until(
      "screens grey",
      () => screens.every((s) => [...s.tiles.values()].every((t) => t.status === "unknown")),
      3000,
    );

    await redis.start();
    await until("one leader again", async () => (await leaders(replicas)).length === 1, 15_000);
    const healed = await until(
      "every replica green and equal",
      async () => {
        const s = await sameState(replicas);
        return s && Object.values(s).every((t) => t.status === "ok" && !t.stale) && s;
      },
      15_000,
    );
    expect(Object.keys(healed)).toEqual(["a", "b"]);
    await until("the notice cleared", () => screens.every((s) => s.notices.at(-1)?.text === REDIS_BACK_NOTICE), 5000);
    for (const [i, screen] of screens.entries()) {
      const state = await replicas[i]!.state();
      await until("the screen equal to /api/state", () => screen.rev !== null && screen.rev >= state.rev, 5000);
      expect(screen.closes).toBe(0);
      expect([...screen.tiles.values()].every((t) => t.status === "ok")).toBe(true);
      screen.close();
    }
    for (const r of replicas) expect(await metric(r, "radiator_cluster_redis_up")).toBe(1);
  });
});
