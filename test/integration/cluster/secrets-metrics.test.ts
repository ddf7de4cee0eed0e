/**
 * Issue 16: the Redis password (from `${REDIS_PASSWORD}`) is a secret like every other — never
 * in a log line, /metrics, /api/state or a screen's messages; each replica's /metrics has its
 * role and the cluster series, and promtool finds nothing wrong with them; a collector without
 * `--cluster` runs as before (no Redis, no cluster series).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import WebSocket from "ws";
import { startRedis, type RedisServer } from "../../helpers/redis-server.ts";
import { fakeUpstream, type FakeUpstream } from "../../helpers/fake-upstream.ts";
import { startCollector, type CollectorProcess } from "../../helpers/collector-process.ts";
import { leaders, metric, sameState, until } from "../../helpers/cluster.ts";

const PASSWORD = "s3cret-Redis-pass";

let redis: RedisServer;
let upstream: FakeUpstream;
let replicas: CollectorProcess[] = [];
let single: CollectorProcess | undefined;

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
  upstream = await fakeUpstream({ "GET /a": { json: {} }, "GET /api/v2/alerts": { json: [] } });
  const board = {
    id: "ops",
    title: "Ops",
    tiles: [
      { id: "a", title: "A", kind: "http", url: `${upstream.url}/a`, every: "1s" },
      { id: "alerts", title: "Alerts", kind: "alertmanager", connection: "am", every: "1h" },
    ],
  };
  const connections = { am: { type: "alertmanager", url: upstream.url } };
  const port = new URL(redis.url).port;
  const config = {
    cluster: { redis: `redis://:\${REDIS_PASSWORD}@127.0.0.1:${port}/0`, leaseTtl: "2s" },
    connections,
    boards: [board],
  };
  const env = { REDIS_PASSWORD: PASSWORD, RADIATOR_LOG_LEVEL: "info" };
  replicas = await Promise.all([startCollector({ config, env }), startCollector({ config, env })]);
  single = await startCollector({ config: { connections, boards: [board] } });
});

afterAll(async () => {
  await Promise.all([...replicas, ...(single ? [single] : [])].map((r) => r.stop()));
  await upstream?.close();
  await redis?.close();
});

function promtool(input: string): string[] {
  const run = spawnSync("/usr/bin/promtool", ["check", "metrics"], { input, encoding: "utf8" });
  if (run.error) throw run.error;
  return `${run.stdout}${run.stderr}`.split("\n").filter(Boolean);
}

describe("cluster: secrets and metrics", () => {
  it("never shows the Redis password; /metrics has each replica's role; promtool is clean", async () => {
    await until("one leader", async () => (await leaders(replicas)).length === 1, 15_000);
    await until(
      "both replicas equal and polled",
      async () => {
        const s = await sameState(replicas);
        return s && s.a!.checkedAt !== null;
      },
      15_000,
    );
    const roles = await Promise.all(replicas.map((r) => metric(r, "radiator_cluster_leader")));
    expect(roles.sort()).toEqual([0, 1]);
    const [leader] = await leaders(replicas);
    expect(await metric(leader!, "radiator_cluster_failovers_total")).toBe(1);
    expect(await metric(leader!, "radiator_cluster_messages_published_total")).toBeGreaterThanOrEqual(1);
    const follower = replicas.find((r) => r !== leader)!;
    // Each poll (every 1 s) changes checkedAt: a frame the follower passes on.
    await until(
      "a relayed frame",
      async () => (await metric(follower, "radiator_cluster_messages_relayed_total"))! >= 1,
      5000,
    );
    expect(await metric(follower, "radiator_cluster_redis_up")).toBe(1);

    const messages: string[] = [];
    const ws = new WebSocket(`${follower.url.replace("http", "ws")}/ws`);
    ws.on("message", (d) => messages.push(String(d)));
    await until("hello and snapshot", () => messages.length >= 2, 5000);
    ws.close();

    for (const r of replicas) {
      const text = await (await fetch(`${r.url}/metrics`)).text();
      const cluster = text
        .split("\n")
        .filter((l) => (l.startsWith("# ") ? l.split(" ")[2] : l.split(/[{ ]/)[0])?.startsWith("radiator_cluster_"))
        .join("\n");
      expect(cluster).toContain("radiator_cluster_redis_round_trip_seconds_bucket");
      expect(promtool(`${cluster}\n`)).toEqual([]);
      const api = await (await fetch(`${r.url}/api/state`)).text();
      for (const where of [text, api, r.output(), messages.join("\n")]) expect(where.includes(PASSWORD)).toBe(false);
      // The log names the Redis it uses, without the credentials.
      expect(r.output()).toContain(`on redis://127.0.0.1:${new URL(redis.url).port}/0`);
    }
  });

  it("a webhook sent to a follower polls on the leader, once", async () => {
    const [leader] = await leaders(replicas);
    const follower = replicas.find((r) => r !== leader)!;
    await leader!.waitForTile("alerts", (t) => t.checkedAt !== null);
    const before = upstream.hits("GET /api/v2/alerts").length;
    const res = await fetch(`${follower.url}/api/webhooks/alertmanager`, { method: "POST", body: "{}" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ polled: 1 });
    await until("the nudged poll", () => upstream.hits("GET /api/v2/alerts").length === before + 1, 10_000);
  });

  it("without --cluster: no Redis, no cluster series, polls as before", async () => {
    await single!.waitForTile("a", (t) => t.status === "ok");
    const text = await (await fetch(`${single!.url}/metrics`)).text();
    expect(text.includes("radiator_cluster_")).toBe(false);
  });
});
