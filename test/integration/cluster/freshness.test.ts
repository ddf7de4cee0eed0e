/**
 * A single collector sends no patch for a poll that only confirms a tile (issue 12); in a cluster the
 * followers learn freshness from the leader's frames alone. With an upstream that never changes, a
 * follower's tile must stay fresh past its staleAfter for as long as the leader polls: no false grey.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisServer } from "../../helpers/redis-server.ts";
import { fakeUpstream, type FakeUpstream } from "../../helpers/fake-upstream.ts";
import type { CollectorProcess } from "../../helpers/collector-process.ts";
import { clusterConfig, leaders, startReplicas, tilesOf, until } from "../../helpers/cluster.ts";

let redis: RedisServer;
let upstream: FakeUpstream;
let replicas: CollectorProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // no alerts, ever: every poll answers the same, so each one only confirms the tile
  upstream = await fakeUpstream({ "GET /api/v2/alerts": { json: [] } });
  const tiles = [{ id: "a", title: "Alerts", kind: "alertmanager", connection: "am", every: "1s", staleAfter: "3s" }];
  const config = clusterConfig(redis, "2s", tiles) as Record<string, unknown>;
  config.connections = { am: { type: "alertmanager", url: upstream.url } };
  replicas = await startReplicas(2, config);
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await upstream?.close();
  await redis?.close();
});

describe("cluster: freshness of unchanged tiles", () => {
  it("a follower's tile stays ok past staleAfter while the leader's polls only confirm it", async () => {
    const [leader] = await until(
      "one leader",
      async () => {
        const l = await leaders(replicas);
        return l.length === 1 ? l : false;
      },
      15_000,
    );
    const follower = replicas.find((r) => r !== leader)!;
    const first = await until(
      "the first poll on the follower",
      async () => (await tilesOf(follower)).a?.checkedAt || false,
      15_000,
    );
    // Wait for the leader to have confirmed the tile past twice its staleAfter of the first check.
    await until(
      "leader polls for 6 s",
      async () => Date.parse((await tilesOf(leader!)).a!.checkedAt!) - Date.parse(first) >= 6000,
      20_000,
    );
    const seen = (await tilesOf(follower)).a!;
    expect(seen.stale).toBe(false);
    expect(seen.status).toBe("ok");
    expect(Date.parse(seen.checkedAt!) - Date.parse(first)).toBeGreaterThanOrEqual(3000);
  });
});
