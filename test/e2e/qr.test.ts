// ?qr=on: failing tiles carry a QR code to their detail view, drawn in the page as SVG rects; ok tiles none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles } from "../helpers/glance-tiles.ts";

let browser: Browser;
let fake: FakeCollector;
// t0 fails, t1 warns, t2 unknown, t3 runs, t4..t11 ok; plus a second failing tile with an id that needs escaping
const tiles = [...glanceTiles(12, "main"), { ...glanceTiles(1, "main")[0]!, id: "api ci/2", title: "API CI" }];

beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({
    boards: [
      { id: "main", title: "Main", tiles },
      { id: "ops", title: "Ops", tiles: [] },
    ],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

describe("?qr=on", () => {
  it("draws a QR code beside the text of each failing tile, encoding its detail URL with the board; none elsewhere", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?board=main:60s,ops:20s&qr=on&theme=light`);
    await page.locator('[data-tile="t0"] svg[data-qr]').waitFor();
    await page.locator('[data-tile="api ci/2"] svg[data-qr]').waitFor();
    expect(await page.locator("svg[data-qr]").count()).toBe(2);
    for (const id of ["t1", "t2", "t3", "t4", "t11"])
      expect(await page.locator(`[data-tile="${id}"] svg`).count()).toBe(0);

    const qr = page.locator('[data-tile="t0"] svg[data-qr]');
    expect(await qr.getAttribute("data-qr")).toBe(`${fake.url}/?board=main,ops&tile=t0`);
    expect(await page.locator('[data-tile="api ci/2"] svg[data-qr]').getAttribute("data-qr")).toBe(
      `${fake.url}/?board=main,ops&tile=api+ci%2F2`,
    );
    // a QR code of version v has 17 + 4v modules a side; a ~45-character URL at level M needs version 3 or 4
    const modules = Number(await qr.getAttribute("data-modules"));
    expect([29, 33]).toContain(modules);
    const viewBox = (await qr.getAttribute("viewBox"))!.split(" ").map(Number);
    expect(viewBox).toEqual([0, 0, modules + 4, modules + 4]);
    // dark runs inside the code, never in the quiet zone; the three finder patterns put dark in each of those corners
    const runs = await qr
      .locator('rect[fill="#000"]')
      .evaluateAll((rs) => rs.map((r) => ["x", "y", "width"].map((a) => Number(r.getAttribute(a)))));
    expect(runs.length).toBeGreaterThan(modules);
    for (const [x, y, w] of runs) {
      expect(x).toBeGreaterThanOrEqual(2);
      expect(y).toBeGreaterThanOrEqual(2);
      expect(x! + w!).toBeLessThanOrEqual(modules + 2);
    }
    expect(runs.filter(([x, y, w]) => x === 2 && y === 2 && w === 7)).toHaveLength(1);
    expect(runs.filter(([x, y, w]) => x === modules - 5 && y === 2 && w === 7)).toHaveLength(1);
    expect(runs.filter(([x, y, w]) => x === 2 && y === modules + 1 && w === 7)).toHaveLength(1);
    // it sits inside its tile, large enough to scan from a phone, and the tile's text is still there
    const tile = (await page.locator('[data-tile="t0"]').boundingBox())!;
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(80);
    expect(box.x + box.width).toBeLessThanOrEqual(tile.x + tile.width);
    expect(box.y + box.height).toBeLessThanOrEqual(tile.y + tile.height);
    for (const part of [".title", ".badge", ".since"]) {
      const b = (await page.locator(`[data-tile="t0"] ${part}`).boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(box.x);
    }
    await page.close();
  });

  it("opening the encoded URL shows that tile's detail", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${fake.url}/?board=main&qr=on`);
    const target = (await page.locator('[data-tile="t0"] svg[data-qr]').getAttribute("data-qr"))!;
    expect(target).toBe(`${fake.url}/?board=main&tile=t0`);
    await page.goto(target);
    await page.locator('[data-detail="t0"]').waitFor();
    await expect.poll(() => page.locator("[data-detail] h1").innerText()).toBe(tiles[0]!.title);
    await page.close();
  });

  it("without ?qr=on no tile has a QR code and the encoder is never fetched", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${fake.url}/?board=main`);
    await page.locator('[data-tile="t0"]').waitFor();
    expect(await page.locator("svg[data-qr]").count()).toBe(0);
    expect(scripts.some((s) => s.includes("QrCode"))).toBe(false);
    await page.close();
  });
});
