/**
 * Issue 16, pages in Debian's Chromium: one page through a TCP balancer in front of three
 * replicas (its first socket on the leader) and one directly on a follower; the leader is SIGKILLed.
 * The balanced page reconnects to a survivor, the follower's page never disconnects, no page ever
 * shows the failing tile green, and every page ends equal to /api/state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, ensurePageBuilt } from "../../helpers/browser.ts";
import { startRedis, type RedisServer } from "../../helpers/redis-server.ts";
import { fakeUpstream, type FakeUpstream } from "../../helpers/fake-upstream.ts";
import type { CollectorProcess } from "../../helpers/collector-process.ts";
import { clusterConfig, leaders, sameState, startReplicas, until } from "../../helpers/cluster.ts";
import { tcpBalancer, type TcpBalancer } from "../../helpers/tcp-balancer.ts";

let redis: RedisServer;
let upstream: FakeUpstream;
let replicas: CollectorProcess[] = [];
let balancer: TcpBalancer;
let browser: Browser;

beforeAll(async () => {
  ensurePageBuilt();
  redis = await startRedis();
  upstream = await fakeUpstream({ "GET /a": { json: {} }, "GET /down": { status: 500 } });
  const tiles = ["a", "down"].map((id) => ({ id, title: id, kind: "http", url: `${upstream.url}/${id}`, every: "2s" }));
  replicas = await startReplicas(3, clusterConfig(redis, "2s", tiles));
  balancer = await tcpBalancer(replicas.map((r) => r.port));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await balancer?.close();
  await Promise.all(replicas.map((r) => r.stop()));
  await upstream?.close();
  await redis?.close();
});

/** Every tile's data-status on the page, by id. */
function statuses(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>("[data-tile]")).map((el) => [
        el.dataset.tile!,
        el.dataset.status ?? null,
      ]),
    ),
  );
}

describe("cluster: pages through a balancer and on a follower", () => {
  it("keep the follower's page connected, never show a false green, and end equal to /api/state", async () => {
    const [leader] = await until(
      "one leader",
      async () => {
        const l = await leaders(replicas);
        return l.length === 1 && l;
      },
      15_000,
    );
    const follower = replicas.find((r) => r !== leader)!;
    await until(
      "replicas equal and polled",
      async () => {
        const s = await sameState(replicas);
        return s && s.a!.status === "ok" && s.down!.status === "fail";
      },
      15_000,
    );

    // The balanced page starts on the leader, so the kill drops its socket and it must come back through the balancer.
    balancer.setBackends([leader!.port]);
    const pages: { name: string; page: Page; sockets: number; closes: number }[] = [];
    for (const [name, url] of [
      ["balanced", `${balancer.url}/?board=ops`],
      ["follower", `${follower.url}/?board=ops`],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const entry = { name, page, sockets: 0, closes: 0 };
      page.on("websocket", (ws) => {
        entry.sockets++;
        ws.on("close", () => entry.closes++);
      });
      await page.goto(url);
      pages.push(entry);
    }
    for (const { page } of pages) await until("tiles drawn", async () => (await statuses(page)).a === "ok", 15_000);
    balancer.setBackends(replicas.map((r) => r.port));

    const falseGreens: string[] = [];
    const watch = setInterval(() => {
      for (const { name, page } of pages)
        void statuses(page)
          .then((s) => {
            if (s.down === "ok") falseGreens.push(`${name}: down shown ok`);
          })
          .catch(() => undefined);
    }, 100);
    try {
      await leader!.kill();
      const survivors = replicas.filter((r) => r !== leader);
      await until("a new leader", async () => (await leaders(survivors)).length === 1, 6000);
      // A poll by the new leader (every 2 s): the pages must follow it.
      const before = (await follower.state()).tiles.find((t) => t.id === "a")!.checkedAt;
      await until(
        "a poll by the new leader",
        async () => (await follower.state()).tiles.find((t) => t.id === "a")!.checkedAt !== before,
        10_000,
      );
      const balanced = pages.find((p) => p.name === "balanced")!;
      await until(
        "the balanced page back on a survivor",
        () => balanced.closes >= 1 && balanced.sockets === balanced.closes + 1,
        15_000,
      );
      for (const { page } of pages) {
        await until(
          "the page online and equal to /api/state",
          async () => {
            const state = await follower.state();
            const onPage = await statuses(page);
            const online = !(await page.locator("main.board").getAttribute("class"))!.includes("offline");
            return online && state.tiles.every((t) => onPage[t.id] === t.status);
          },
          15_000,
        );
      }
    } finally {
      clearInterval(watch);
    }
    expect(falseGreens).toEqual([]);
    const onFollower = pages.find((p) => p.name === "follower")!;
    expect(onFollower.sockets).toBe(1);
    expect(onFollower.closes).toBe(0);
    const balanced = pages.find((p) => p.name === "balanced")!;
    expect(balanced.closes).toBe(1);
    expect(balanced.sockets).toBe(balanced.closes + 1);
    for (const { page } of pages)
      expect(await page.locator("main.board").getAttribute("class")).not.toContain("offline");
  });
});
