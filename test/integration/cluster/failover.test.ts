/**
 * Issue 16, failover: three collectors on one real redis-server; SIGKILL the leader. Another
 * replica takes the lease within the TTL and carries on from the shared state (since, claim,
 * history); screens on the survivors stay connected and end equal to /api/state; the upstream
 * sees the polls of one collector (each tile polls once per 1 h here, so: once, plus once by the
 * new leader after the failover — the "± one poll").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisServer } from "../../helpers/redis-server.ts";
import { fakeUpstream, type FakeUpstream } from "../../helpers/fake-upstream.ts";
import type { CollectorProcess } from "../../helpers/collector-process.ts";
import { clusterConfig, leaders, metric, sameState, startReplicas, until } from "../../helpers/cluster.ts";
import { openScreen, type Screen } from "../../helpers/screen.ts";
import type { TileDetail } from "../../../collector/contract.ts";

const TTL_MS = 2000;
/** Followers try for the lease every TTL/10; a loaded two-core box gets a second on top. */
const TAKEOVER_BOUND_MS = TTL_MS + TTL_MS / 10 + 1000;

let redis: RedisServer;
let upstream: FakeUpstream;
let replicas: CollectorProcess[];

beforeAll(async () => {
  redis = await startRedis();
  upstream = await fakeUpstream({ "GET /a": { json: {} }, "GET /b": { json: {} }, "GET /down": { status: 500 } });
  const tiles = ["a", "b", "down"].map((id) => ({
    id,
    title: id,
    kind: "http",
    url: `${upstream.url}/${id}`,
    every: "1h",
  }));
  replicas = await startReplicas(3, clusterConfig(redis, `${TTL_MS}ms`, tiles));
});

afterAll(async () => {
  await Promise.all((replicas ?? []).map((r) => r.stop()));
  await upstream?.close();
  await redis?.close();
});

describe("cluster: the leader is SIGKILLed", () => {
  it("fails over within the TTL, keeps since, claim and history, and the upstream sees one collector", async () => {
    const [leader] = await until(
      "one leader",
      async () => {
        const l = await leaders(replicas);
        return l.length === 1 && l;
      },
      15_000,
    );
    const followers = replicas.filter((r) => r !== leader);
    const before = await until(
      "every replica showing the first polls",
      async () => {
        const s = await sameState(replicas);
        return s && Object.values(s).every((t) => t.checkedAt !== null) && s;
      },
      15_000,
    );
    expect(before.a!.status).toBe("ok");
    expect(before.down!.status).toBe("fail");
    // Three replicas, one poll per tile: the upstream sees one collector.
    expect(upstream.hits("GET /a").length).toBe(1);
    expect(upstream.hits("GET /b").length).toBe(1);
    expect(upstream.hits("GET /down").length).toBe(1);

    // A claim through a follower reaches every replica (and so every screen) at once.
    const claimedAt = Date.now();
    const res = await fetch(`${followers[0]!.url}/api/tiles/down/claim`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "alice", note: "on it" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as TileDetail).claim?.by).toBe("alice");
    await until(
      "the claim on every replica",
      async () => {
        const s = await sameState(replicas);
        return s && s.down!.claim?.by === "alice";
      },
      3000,
    );
    const claimMs = Date.now() - claimedAt;
    expect(claimMs).toBeLessThan(3000);

    const screens: Screen[] = await Promise.all(followers.map((f) => openScreen(f.url, "ops")));
    await until("screens' first snapshot", () => screens.every((s) => s.rev !== null), 5000);

    await leader!.kill();
    const killedAt = Date.now();
    const [next] = await until(
      "a new leader",
      async () => {
        const l = await leaders(followers);
        return l.length === 1 && l;
      },
      TAKEOVER_BOUND_MS + 2000,
    );
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(TAKEOVER_BOUND_MS);
    expect(await metric(next!, "radiator_cluster_failovers_total")).toBe(1);

    // The new leader polls each tile once when it starts: ×1 ± one poll.
    await until("the new leader's polls", () => upstream.hits("GET /b").length === 2, 10_000);
    await until("the new leader's poll of down", () => upstream.hits("GET /down").length === 2, 10_000);
    const after = await until(
      "survivors equal after the failover",
      async () => {
        const s = await sameState(followers);
        return s && s.a!.checkedAt !== before.a!.checkedAt && s.down!.checkedAt !== before.down!.checkedAt && s;
      },
      10_000,
    );
    expect(upstream.hits("GET /a").length).toBe(2);
    expect(after.a!.status).toBe("ok");
    expect(after.a!.since).toBe(before.a!.since);
    expect(after.down!.since).toBe(before.down!.since);
    expect(after.down!.claim?.by).toBe("alice");

    // History and the claim event survive on the new leader.
    const detail = (await (await fetch(`${next!.url}/api/tiles/down`)).json()) as TileDetail;
    expect(detail.history.length).toBeGreaterThan(0);
    expect(detail.events?.map((e) => e.type)).toEqual(["claim"]);

    // Screens on the survivors never disconnected and show what /api/state says.
    for (const [i, screen] of screens.entries()) {
      const state = await followers[i]!.state();
      await until("the screen equal to /api/state", () => screen.rev === state.rev, 5000);
      expect(screen.closes).toBe(0);
      expect(Object.fromEntries(screen.tiles)).toEqual(Object.fromEntries(state.tiles.map((t) => [t.id, t])));
      screen.close();
    }
    const meta = await redis.client().hgetall("radiator:meta");
    expect(meta.writer).toBe(new URL(next!.url).host);
    console.log(`cluster failover: claim on all replicas in ${claimMs} ms; new leader after ${takeoverMs} ms`);
  });
});
