// The built page in Debian's Chromium against the collector run as a real process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, flippableServer, launchBrowser, tileState } from "../helpers/browser.ts";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";

let browser: Browser;
let collector: CollectorProcess;
let upstream: Awaited<ReturnType<typeof flippableServer>>;
/** Answers held at a known status: the counts on screen must not depend on a random demo build. */
let held: FakeUpstream;

function config(extra: object[] = []) {
  return {
    title: "E2E",
    connections: { prom: { type: "prometheus", url: held.url } },
    boards: [
      {
        id: "main",
        title: "Main board",
        tiles: [
          { id: "site", title: "Site", kind: "http", url: upstream.url, every: "1s" },
          { id: "d1", title: "Build", kind: "http", url: `${held.url}/build`, every: "2s" },
          {
            id: "d2",
            title: "Latency",
            kind: "prometheus",
            connection: "prom",
            query: "latency_ms",
            unit: "ms",
            warn: 250,
            fail: 400,
            every: "2s",
          },
          ...extra,
        ],
      },
    ],
  };
}

async function board(path = "/?board=main", viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${collector.url}${path}`);
  await page.locator('[data-tile="site"]').waitFor();
  return page;
}

beforeAll(async () => {
  ensurePageBuilt();
  upstream = await flippableServer();
  held = await fakeUpstream({
    "GET /build": { status: 200, body: "ok", headers: { "content-type": "text/plain" } },
    "GET /api/v1/query": { json: fixture("prometheus/query-vector-one.json") },
    "GET /api/v1/query_range": { json: fixture("prometheus/query-range.json") },
  });
  collector = await startCollector({ config: config() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await upstream?.close();
  await held?.close();
});

describe("the board", () => {
  it("turns a tile from OK to FAILING on screen, colour and word, without a reload", async () => {
    upstream.setStatus(200);
    await collector.waitForTile("site", (t) => t.status === "ok");
    const page = await board();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await expect.poll(() => tileState(page, "site").then((s) => s.status), { timeout: 10_000 }).toBe("ok");
    const before = await tileState(page, "site");
    expect(before.badge).toContain("OK");
    upstream.setStatus(500);
    await expect.poll(() => tileState(page, "site").then((s) => s.status), { timeout: 15_000 }).toBe("fail");
    const after = await tileState(page, "site");
    expect(after.badge).toContain("✖");
    expect(after.badge).toContain("FAILING");
    expect(after.colour).not.toBe(before.colour);
    await expect.poll(() => page.locator("[data-counts]").innerText()).toBe("1 failing");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    upstream.setStatus(200);
    await expect.poll(() => tileState(page, "site").then((s) => s.badge), { timeout: 15_000 }).toContain("OK");
    await page.close();
  });

  it("labels each tile for screen readers and lets Tab reach it", async () => {
    const page = await board();
    // the name comes from what is on screen: title, status word, and how long
    const named = page.getByRole("button", { name: /^Build OK green for \d+ (s|min)\b/ });
    expect(await named.getAttribute("data-tile")).toBe("d1");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-tile"))).toBe("site");
    await page.close();
  });

  it("says it is disconnected when the collector stops, greys out, and recovers by itself", async () => {
    const page = await board();
    await page.locator('[data-link="connected"]').waitFor();
    await collector.stop();
    const banner = page.locator('[data-banner="disconnected"]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toMatch(/Disconnected — data from \d+ s ago, reconnecting/);
    expect(await page.locator("main.board").getAttribute("class")).toContain("offline");
    expect(await page.locator('[data-tile="site"]').evaluate((el) => getComputedStyle(el).filter)).toContain(
      "grayscale",
    );
    await page.waitForTimeout(2500); // a few failed attempts: backoff grows
    await collector.restart();
    await page.locator('[data-link="connected"]').waitFor({ timeout: 20_000 });
    await banner.waitFor({ state: "detached" });
    expect(await page.locator("main.board").getAttribute("class")).not.toContain("offline");
    // the data is live again: the new process's tiles keep arriving
    const checked = (await collector.state()).tiles.find((t) => t.id === "site")!.checkedAt;
    await expect
      .poll(async () => (await collector.state()).tiles.find((t) => t.id === "site")!.checkedAt, { timeout: 10_000 })
      .not.toBe(checked);
    await page.close();
  });

  it("kill and heal: SIGKILLed, the page says disconnected, reconnects by itself and shows what /api/state says", async () => {
    upstream.setStatus(500);
    const page = await board();
    await page.locator('[data-link="connected"]').waitFor();
    await collector.waitForTile("site", (t) => t.status === "fail");
    await collector.kill();
    const banner = page.locator('[data-banner="disconnected"]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await page.locator("[data-link]").getAttribute("data-link")).not.toBe("connected");
    // healed upstream while the collector is down: the new process must show the truth, not the page's old copy
    upstream.setStatus(200);
    await collector.restart();
    await page.locator('[data-link="connected"]').waitFor({ timeout: 20_000 });
    await banner.waitFor({ state: "detached" });
    await collector.waitForTile("site", (t) => t.status === "ok");
    const onScreen = () =>
      page.locator("[data-tile]").evaluateAll((els) =>
        els.map((el) => ({
          id: el.getAttribute("data-tile"),
          status: el.getAttribute("data-status"),
          summary: el.querySelector(".summary")?.textContent?.trim() ?? null,
        })),
      );
    const inState = async () =>
      (await collector.state()).tiles.map((t) => ({
        id: t.id,
        status: t.stale ? "unknown" : t.status,
        summary: t.summary,
      }));
    const byId = <T extends { id: string | null }>(xs: T[]) =>
      [...xs].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    // both sides move on every poll (the http summary carries its latency): equal at one moment within 10 s
    await expect
      .poll(
        async () => {
          const [a, b] = [byId(await onScreen()), byId(await inState())];
          return JSON.stringify(a) === JSON.stringify(b) ? "equal" : JSON.stringify({ onScreen: a, inState: b });
        },
        { timeout: 10_000 },
      )
      .toBe("equal");
    expect((await onScreen()).map((t) => t.id).sort()).toEqual(["d1", "d2", "site"]);
    await page.close();
  });

  it("shows a notice from the collector: a config error stays on screen until a good reload", async () => {
    const page = await board();
    collector.writeConfig("{ this is not json");
    const notice = page.locator('[data-notice="error"]');
    await notice.waitFor({ timeout: 15_000 });
    expect((await notice.innerText()).length).toBeGreaterThan(5);
    collector.writeConfig(config());
    await notice.waitFor({ state: "detached", timeout: 15_000 });
    await page.close();
  });
});
