// Status never by hue alone: in every theme and every emulated colour-vision deficiency a failing tile is
// clearly brighter/darker than an ok one, each status has its own pattern, and the status word reads (WCAG AA).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles } from "../helpers/glance-tiles.ts";
import { contrastRatio, decodePng, luminance, meanLuminance, type Rgba } from "../helpers/png.ts";

const THEMES = ["dark", "light", "high-contrast"] as const;
const VISION = ["none", "deuteranopia", "protanopia", "tritanopia", "achromatopsia"] as const;
// glanceTiles: t0 fails, t1 warns, t2 is unknown (stale), t3 runs, the rest are ok
const TILE = { fail: "t0", warn: "t1", unknown: "t2", ok: "t5" } as const;

let browser: Browser;
let fake: FakeCollector;

beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({ boards: [{ id: "main", title: "Colours", tiles: glanceTiles(12) }] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

type Box = { x: number; y: number; width: number; height: number };

async function box(page: Page, selector: string): Promise<Box> {
  return (await page.locator(selector).boundingBox())!;
}

/** One screenshot per vision, cut into the elements' boxes in node (one capture is much faster than many). */
function crop(img: Rgba, b: Box): Rgba {
  const x0 = Math.ceil(b.x),
    y0 = Math.ceil(b.y),
    w = Math.floor(b.width) - 1,
    h = Math.floor(b.height) - 1;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    data.set(img.data.subarray(((y0 + y) * img.width + x0) * 4, ((y0 + y) * img.width + x0 + w) * 4), y * w * 4);
  return { width: w, height: h, data };
}

/** The badge's background is its commonest colour; its text the pixel that contrasts most with it. */
function wordContrast(img: Rgba): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < img.data.length; i += 4) {
    const key = (img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const lb = luminance(bg >> 16, (bg >> 8) & 255, bg & 255);
  let best = 1;
  for (const key of counts.keys())
    best = Math.max(best, contrastRatio(lb, luminance(key >> 16, (key >> 8) & 255, key & 255)));
  return best;
}

describe("status by brightness and pattern, not hue alone", () => {
  it.each(THEMES)("theme %s: each status has its own pattern; ok is plain", async (theme) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?theme=${theme}`);
    await page.locator(`[data-tile="t11"]`).waitFor();
    const patterns: Record<string, string> = {};
    for (const [status, id] of Object.entries(TILE)) {
      patterns[status] = await page
        .locator(`[data-tile="${id}"]`)
        .evaluate((el) => getComputedStyle(el).backgroundImage);
    }
    expect(patterns.ok).toBe("none");
    expect(new Set(Object.values(patterns)).size).toBe(4);
    expect(patterns.fail).toMatch(/repeating-linear-gradient/);
    expect(patterns.unknown).toMatch(/radial-gradient/);
    await page.close();
  });

  it.each(THEMES)(
    "theme %s: failing vs ok mean luminance ≥ 1.5:1 and the status word ≥ 4.5:1, in every vision",
    async (theme) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${fake.url}/?theme=${theme}`);
      await page.locator(`[data-tile="t11"]`).waitFor();
      const cdp = await page.context().newCDPSession(page);
      const lines: string[] = [];
      const tiles = {
        fail: await box(page, `[data-tile="${TILE.fail}"]`),
        ok: await box(page, `[data-tile="${TILE.ok}"]`),
      };
      const badges: Record<string, Box> = {};
      for (const [status, id] of Object.entries(TILE)) badges[status] = await box(page, `[data-tile="${id}"] .badge`);
      for (const type of VISION) {
        await cdp.send("Emulation.setEmulatedVisionDeficiency", { type });
        const screen = decodePng(await page.screenshot({ animations: "disabled" }));
        const ratio = contrastRatio(meanLuminance(crop(screen, tiles.fail)), meanLuminance(crop(screen, tiles.ok)));
        const words: Record<string, number> = {};
        for (const [status, b] of Object.entries(badges)) words[status] = wordContrast(crop(screen, b));
        lines.push(
          `${theme}/${type}: fail:ok ${ratio.toFixed(2)}; word ${Object.entries(words)
            .map(([s, c]) => `${s} ${c.toFixed(1)}`)
            .join(", ")}`,
        );
        expect(ratio, `${theme} ${type}`).toBeGreaterThanOrEqual(1.5);
        for (const [status, c] of Object.entries(words))
          expect(c, `${theme} ${type} ${status} word`).toBeGreaterThanOrEqual(4.5);
      }
      console.log(lines.join("\n"));
      await page.close();
    },
  );
});
