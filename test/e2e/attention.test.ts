// Attention layout, ?show=broken, keyboard, all-green celebration and reduced motion, on tiles at known statuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Tile } from "../../collector/contract.ts";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles } from "../helpers/glance-tiles.ts";

let browser: Browser;
let fake: FakeCollector;
// "red": t0, t5, t9, t14 fail, t1 warns, t2 unknown, t3 runs, the rest ok; config layout attention
const red = glanceTiles(24, "red").map((t) => ({
  ...t,
  id: `r-${t.id}`,
  ...([5, 9, 14].includes(Number(t.id.slice(1))) ? { status: "fail" as const } : {}),
}));
// "one": one failing tile among 24, fixed layout
const one = glanceTiles(24, "one").map((t, i) => ({
  ...t,
  id: `o-${t.id}`,
  status: (i === 0 ? "fail" : "ok") as Tile["status"],
  stale: false,
  error: undefined,
  running: false,
  progress: undefined,
}));

beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({
    boards: [
      { id: "red", title: "Red", tiles: red, layout: "attention" },
      { id: "one", title: "One red", tiles: one },
    ],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

const ids = (els: Element[]) => els.map((e) => e.getAttribute("data-tile")!);

describe("attention layout", () => {
  it("puts failing first, then warning, unknown, running, and shrinks ok tiles to a strip", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?board=red`);
    await page.locator("[data-strip] [data-tile]").first().waitFor();
    const main = await page.locator(".grid > [data-tile]").evaluateAll(ids);
    expect(main).toEqual(["r-t0", "r-t5", "r-t9", "r-t14", "r-t1", "r-t2", "r-t3"]);
    expect(await page.locator("[data-strip] [data-tile]").count()).toBe(17);
    const big = (await page.locator('[data-tile="r-t0"]').boundingBox())!;
    const chip = (await page.locator("[data-strip] [data-tile]").first().boundingBox())!;
    expect(big.height).toBeGreaterThan(chip.height * 4);
    await page.close();
  });

  it("?layout=fixed keeps the config order", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?board=red&layout=fixed`);
    await page.locator('[data-tile="r-t23"]').waitFor();
    expect(await page.locator("[data-tile]").evaluateAll(ids)).toEqual(red.map((t) => t.id));
    expect(await page.locator("[data-strip]").count()).toBe(0);
    await page.close();
  });

  it("?show=broken shows only what is not ok, and the rest in one line", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?board=one&show=broken`);
    await page.locator('[data-tile="o-t0"]').waitFor();
    expect(await page.locator("[data-tile]").count()).toBe(1);
    expect((await page.locator("[data-others]").innerText()).trim()).toBe("✔ all 23 others OK");
    await page.close();
  });
});

describe("keyboard", () => {
  it("arrows move between tiles, Enter opens, focus goes into the detail and back to the tile on Esc", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?board=one`);
    await page.locator('[data-tile="o-t23"]').waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-tile") ?? null);
    await page.locator('[data-tile="o-t0"]').focus();
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toBe("o-t1");
    await page.keyboard.press("ArrowDown"); // 24 tiles are 5 columns
    expect(await focused()).toBe("o-t6");
    await page.keyboard.press("ArrowLeft");
    expect(await focused()).toBe("o-t5");
    await page.keyboard.press("Enter");
    await page.locator('[data-detail="o-t5"]').waitFor();
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest("[data-detail]"))).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(focused).toBe("o-t5");
    await page.close();
  });
});

describe("all green", () => {
  it("celebrates when the board turns fully green after red, then says for how long", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?board=one`);
    await page.locator('[data-tile="o-t0"][data-status="fail"]').waitFor();
    expect(await page.locator("[data-celebration]").count()).toBe(0);
    fake.patch([{ ...one[0]!, status: "ok", since: new Date(Date.now() - 90_000).toISOString() }]);
    await page.locator("[data-celebration]").waitFor();
    expect(await page.locator("[data-counts]").innerText()).toBe("all 24 OK · green for 1 min");
    fake.patch([one[0]!]); // red again for the next test
    await page.locator('[data-tile="o-t0"][data-status="fail"]').waitFor();
    await page.close();
  });

  it("with prefers-reduced-motion nothing animates or transitions, the celebration included", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
    await page.goto(`${fake.url}/?board=red`);
    await page.locator('[data-tile="r-t3"] .fill').waitFor(); // a running tile's striped bar
    const moving = () =>
      page.evaluate(() => ({
        animations: document.getAnimations().length,
        transitions: Array.from(document.querySelectorAll("*")).filter((e) => {
          const s = getComputedStyle(e);
          return s.transitionDuration.split(",").some((d) => parseFloat(d) > 0) || s.animationName !== "none";
        }).length,
      }));
    expect(await moving()).toEqual({ animations: 0, transitions: 0 });
    await page.close();
  });
});
