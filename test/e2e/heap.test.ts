// Weeks on a TV: 20,000 patches across 40 tiles with sparklines, on the board and with a detail open,
// and the JS heap after a forced GC ends within 2 MB of where it started; the chart is updated, not recreated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Tile } from "../../collector/contract.ts";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles } from "../helpers/glance-tiles.ts";

const TILES = 40,
  PATCHES = 20_000,
  WARMUP = 2_000;
let browser: Browser;
let fake: FakeCollector;
const base = glanceTiles(TILES).map((t) => ({ ...t, kind: "metric", stale: false, error: undefined }));
let sent = 0;

function nextPatch(): Tile {
  const i = sent % TILES,
    n = ++sent;
  const series = Array.from({ length: 30 }, (_, k) => ({
    t: 1_700_000_000_000 + (n + k) * 1000,
    v: Math.sin((n + k) / 7) * 50 + 50,
  }));
  return {
    ...base[i]!,
    value: series[29]!.v,
    series,
    summary: `patch ${n}`,
    checkedAt: new Date().toISOString(),
    status: n % 97 === 0 ? "fail" : base[i]!.status,
  };
}

beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({
    boards: [{ id: "main", title: "Heap", tiles: base }],
    history: {
      t0: Array.from({ length: 200 }, (_, k) => ({
        t: Date.now() - (200 - k) * 60_000,
        status: "ok" as const,
        value: k,
      })),
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  return usedSize;
}

/** Send `count` patches in bursts, then wait until both pages have drawn the last one. */
async function pump(pages: Page[], count: number): Promise<void> {
  for (let done = 0; done < count; done += 200) {
    fake.patch(Array.from({ length: 200 }, nextPatch));
    await new Promise((r) => setTimeout(r, 20));
  }
  const last = `patch ${sent}`;
  const id = `t${(sent - 1) % TILES}`;
  await pages[0]!.locator(`[data-tile="${id}"] .summary`, { hasText: last }).waitFor({ timeout: 60_000 });
  await pages[1]!.locator("[data-detail]").waitFor();
}

describe("memory over time", () => {
  it(`stays flat over ${PATCHES} patches across ${TILES} tiles, board and an open detail`, async () => {
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const detail = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await board.goto(fake.url);
    await detail.goto(`${fake.url}/?tile=t0`);
    await board.locator('[data-tile="t39"]').waitFor();
    await detail.locator("canvas[data-chart]").waitFor();
    // count Chart constructions: an update in place makes none
    await detail.evaluate(() => {
      const w = window as unknown as { __contexts: number };
      w.__contexts = 0;
      const orig = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: Parameters<typeof orig>) {
        w.__contexts++;
        return orig.apply(this, args);
      } as typeof orig;
    });
    await pump([board, detail], WARMUP);
    const start = [await heap(board), await heap(detail)];
    await pump([board, detail], PATCHES);
    await detail.waitForTimeout(3500); // the detail refetches its history at most every 3 s
    const end = [await heap(board), await heap(detail)];
    console.log(
      `heap board ${(start[0]! / 1e6).toFixed(2)} → ${(end[0]! / 1e6).toFixed(2)} MB, detail ${(start[1]! / 1e6).toFixed(2)} → ${(end[1]! / 1e6).toFixed(2)} MB`,
    );
    expect(end[0]! - start[0]!).toBeLessThan(2 * 1024 * 1024);
    expect(end[1]! - start[1]!).toBeLessThan(2 * 1024 * 1024);
    const contexts = await detail.evaluate(() => (window as unknown as { __contexts: number }).__contexts);
    expect(contexts).toBeLessThanOrEqual(1); // chart.js asks once per update at most via its own cached context
    await board.close();
    await detail.close();
  });
});
