// The TV's long-running extras: the board picker for laptops, per-board rotation, the night dim, the opt-in beep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles } from "../helpers/glance-tiles.ts";

let browser: Browser;
let fake: FakeCollector;
const a = glanceTiles(4, "a").map((t) => ({ ...t, id: `a-${t.id}` }));
const b = glanceTiles(3, "b").map((t) => ({
  ...t,
  id: `b-${t.id}`,
  status: "ok" as const,
  stale: false,
  error: undefined,
}));

beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({
    title: "Office",
    night: { from: "20:00", to: "07:00", dim: 0.3 },
    boards: [
      { id: "a", title: "Board A", tiles: a },
      { id: "b", title: "Board B", tiles: b },
    ],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

describe("the TV view and its extras", () => {
  it("offers a board picker at / when there are several boards", async () => {
    const page = await browser.newPage();
    await page.goto(fake.url);
    await page.locator("[data-picker]").waitFor();
    expect(
      await page.locator("[data-picker] li > a").evaluateAll((els) => els.map((e) => e.getAttribute("href"))),
    ).toEqual(["?board=a", "?board=b"]);
    expect(await page.locator("[data-tile]").count()).toBe(0);
    // "Open on a TV": the whole address, written out and as a QR code that encodes exactly it
    await page.locator('[data-tv="b"] summary').click();
    const tvUrl = `${new URL(fake.url).origin}/?board=b`;
    expect(await page.locator('[data-tv="b"] [data-tv-url]').innerText()).toBe(tvUrl);
    await page.locator('[data-tv="b"] svg[data-qr]').waitFor();
    expect(await page.locator('[data-tv="b"] svg[data-qr]').getAttribute("data-qr")).toBe(tvUrl);
    await page.locator("[data-picker] li > a").first().click();
    await page.locator('[data-tile="a-t0"]').waitFor();
    expect(await page.locator("[data-picker]").count()).toBe(0);
    await page.close();
  });

  it("rotates with per-board durations (?board=a:5s,b:20s)", async () => {
    const page = await browser.newPage();
    await page.goto(`${fake.url}/?board=a:5s,b:20s`);
    await page.locator('[data-tile="a-t0"]').waitFor();
    const started = Date.now();
    await page.locator('[data-tile="b-t0"]').waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeGreaterThan(3_000);
    await page.waitForTimeout(6_000); // b stays 20 s, not 5
    expect(await page.locator('[data-tile="b-t0"]').count()).toBe(1);
    await page.close();
  });

  it("dims at night by the config's schedule", async () => {
    const ctx = await browser.newContext({ timezoneId: "UTC" });
    const page = await ctx.newPage();
    await page.clock.setFixedTime(new Date("2026-11-29T22:00:00Z"));
    await page.goto(`${fake.url}/?board=a`);
    await page.locator('[data-tile="a-t0"]').waitFor();
    await expect.poll(() => page.locator(".app").evaluate((e) => getComputedStyle(e).filter)).toBe("brightness(0.3)");
    await page.clock.setFixedTime(new Date("2026-11-29T12:00:00Z"));
    await expect
      .poll(() => page.locator(".app").evaluate((e) => getComputedStyle(e).filter), { timeout: 5_000 })
      .toBe("none");
    await ctx.close();
  });

  it("beeps once when a tile turns red with ?sound=on, and never without it", async () => {
    const quiet = await browser.newPage();
    const loud = await browser.newPage();
    await quiet.goto(`${fake.url}/?board=b`);
    await loud.goto(`${fake.url}/?board=b&sound=on`);
    for (const p of [quiet, loud]) await p.locator('[data-tile="b-t0"][data-status="ok"]').waitFor();
    fake.patch([{ ...b[0]!, status: "fail" }]);
    for (const p of [quiet, loud]) await p.locator('[data-tile="b-t0"][data-status="fail"]').waitFor();
    const beeps = (p: typeof loud) =>
      p.evaluate(() => (window as unknown as { __radiatorBeeps?: number }).__radiatorBeeps ?? 0);
    expect(await beeps(loud)).toBe(1);
    expect(await beeps(quiet)).toBe(0);
    fake.patch([b[0]!]);
    await quiet.close();
    await loud.close();
  });
});
