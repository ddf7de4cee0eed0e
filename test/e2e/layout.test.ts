// Every tile title readable, no scrolling: the demo board and a 40-tile board at 1080p and 4K.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fileURLToPath } from "node:url";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, hasScrollbars, launchBrowser } from "../helpers/browser.ts";

const DEMO = fileURLToPath(new URL("../../config/demo.json", import.meta.url));
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

let browser: Browser;
const collectors: CollectorProcess[] = [];

beforeAll(async () => {
  ensurePageBuilt();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const c of collectors) await c.stop();
});

/** Every title is on screen, unclipped by the viewport, and big enough to read. */
async function checkTitles(page: Page, viewport: { width: number; height: number }, expected: string[]) {
  const titles = await page.locator("[data-tile] .title").evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const tile = el.closest("[data-tile]")!.getBoundingClientRect();
      return {
        text: el.textContent!.trim(),
        top: r.top,
        left: r.left,
        bottom: r.bottom,
        right: r.right,
        inTile: r.top >= tile.top && r.bottom <= tile.bottom + 1 && r.left >= tile.left && r.right <= tile.right + 1,
        fontPx: parseFloat(getComputedStyle(el).fontSize),
        clipped: el.scrollHeight > el.clientHeight + 2,
      };
    }),
  );
  expect(titles.map((t) => t.text).sort()).toEqual([...expected].sort());
  for (const t of titles) {
    expect(t.top, t.text).toBeGreaterThanOrEqual(0);
    expect(t.left, t.text).toBeGreaterThanOrEqual(0);
    expect(t.bottom, t.text).toBeLessThanOrEqual(viewport.height);
    expect(t.right, t.text).toBeLessThanOrEqual(viewport.width);
    expect(t.inTile, t.text).toBe(true);
    expect(t.clipped, t.text).toBe(false);
    // ~1/100 of the screen height reads from 5 m on a 55" TV
    expect(t.fontPx, t.text).toBeGreaterThanOrEqual(viewport.height / 100);
  }
  for (const id of await page
    .locator("[data-tile]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-tile")!))) {
    expect(await page.locator(`[data-tile="${id}"] .title`).isVisible()).toBe(true);
  }
  expect(await hasScrollbars(page)).toBe(false);
}

describe("layout", () => {
  it.each(SIZES)(
    "every tile title of the demo board is visible at $width×$height, without scrolling",
    async (viewport) => {
      const collector = await startCollector({ config: DEMO });
      collectors.push(collector);
      const expected = (await collector.state()).tiles.map((t) => t.title);
      expect(expected.length).toBeGreaterThan(5);
      const page = await browser.newPage({ viewport });
      await page.goto(collector.url);
      await page.locator("[data-tile]").first().waitFor();
      await checkTitles(page, viewport, expected);
      await page.close();
      await collector.stop();
    },
  );

  it.each(SIZES)("40 tiles fit at $width×$height with every title visible", async (viewport) => {
    const tiles = Array.from({ length: 40 }, (_, i) => ({
      id: `t${i}`,
      title: `Service number ${i + 1}`,
      kind: "demo",
      scenario: i % 3 ? "build" : "metric",
      seed: i,
      every: "5s",
    }));
    const collector = await startCollector({
      config: { title: "Forty", boards: [{ id: "big", title: "Forty tiles", tiles }] },
    });
    collectors.push(collector);
    const page = await browser.newPage({ viewport });
    await page.goto(`${collector.url}/?board=big`);
    await page.locator("[data-tile]").nth(39).waitFor();
    await checkTitles(
      page,
      viewport,
      tiles.map((t) => t.title),
    );
    await page.close();
    await collector.stop();
  });

  it("a single tile fills the screen", async () => {
    const collector = await startCollector({
      config: { boards: [{ id: "one", title: "One", tiles: [{ id: "solo", title: "Solo", kind: "demo" }] }] },
    });
    collectors.push(collector);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(collector.url);
    const box = (await page.locator('[data-tile="solo"]').boundingBox())!;
    expect(box.width).toBeGreaterThan(1800);
    expect(box.height).toBeGreaterThan(900);
    expect(await hasScrollbars(page)).toBe(false);
    await page.close();
    await collector.stop();
  });
});
