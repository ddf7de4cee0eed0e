// Readable from across the room: title and status-word sizes at real tile counts, nothing cut, nothing scrolled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensurePageBuilt, hasScrollbars, launchBrowser } from "../helpers/browser.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles, LONG_TITLE } from "../helpers/glance-tiles.ts";

const COUNTS = [1, 12, 24, 40, 60];
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
/** Required at 1080p (scaled with the screen height at 4K): [title, status word] px. */
const FLOOR: Record<number, [number, number]> = { 1: [28, 22], 12: [28, 22], 24: [28, 22], 40: [18, 14], 60: [18, 14] };

let browser: Browser;
let fake: FakeCollector;

beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({
    title: "Glance",
    boards: COUNTS.map((n) => ({
      id: `n${n}`,
      title: `${n} tiles`,
      tiles: glanceTiles(n, `n${n}`).map((t) => ({ ...t, id: `n${n}-${t.id}` })),
    })),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

interface Measured {
  id: string;
  title: string;
  titlePx: number;
  wordPx: number;
  titleCut: boolean;
  outside: string[];
}

async function measure(page: Page): Promise<Measured[]> {
  return page.locator("[data-tile]").evaluateAll((tiles) =>
    tiles.map((tile) => {
      const box = tile.getBoundingClientRect();
      const inside = (r: DOMRect) =>
        r.top >= box.top - 0.5 &&
        r.bottom <= box.bottom + 0.5 &&
        r.left >= box.left - 0.5 &&
        r.right <= box.right + 0.5;
      const title = tile.querySelector<HTMLElement>(".title")!;
      const badge = tile.querySelector<HTMLElement>(".badge")!;
      const since = tile.querySelector<HTMLElement>(".since")!;
      const outside: string[] = [];
      for (const [name, el] of [
        ["title", title],
        ["badge", badge],
        ["since", since],
      ] as const) {
        if (!inside(el.getBoundingClientRect())) outside.push(name);
      }
      // body parts are either wholly shown or wholly moved out of sight, never cut in half
      const body = tile.querySelector<HTMLElement>(".body");
      if (body) {
        const b = body.getBoundingClientRect();
        for (const el of Array.from(body.children) as HTMLElement[]) {
          const r = el.getBoundingClientRect();
          if (r.height === 0) continue;
          const shown = r.left < b.right - 0.5;
          if (shown && !(r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5 && r.right <= b.right + 0.5))
            outside.push(`body .${el.className}`);
        }
      }
      return {
        id: tile.getAttribute("data-tile")!,
        title: title.textContent!.trim(),
        titlePx: parseFloat(getComputedStyle(title).fontSize),
        wordPx: parseFloat(getComputedStyle(badge).fontSize),
        titleCut: title.scrollHeight > title.clientHeight + 1 || title.scrollWidth > title.clientWidth + 1,
        outside,
      };
    }),
  );
}

describe("the glance", () => {
  for (const viewport of SIZES) {
    it.each(COUNTS)(
      `%d tiles at ${viewport.width}×${viewport.height}: sizes held, nothing cut, nothing scrolled`,
      async (n) => {
        const page = await browser.newPage({ viewport });
        await page.goto(`${fake.url}/?board=n${n}`);
        await page
          .locator("[data-tile]")
          .nth(n - 1)
          .waitFor();
        const tiles = await measure(page);
        expect(tiles.length).toBe(n);
        const scale = viewport.height / 1080;
        const [titleFloor, wordFloor] = FLOOR[n]!;
        const minTitle = Math.min(...tiles.map((t) => t.titlePx));
        const minWord = Math.min(...tiles.map((t) => t.wordPx));
        console.log(
          `${n} tiles ${viewport.width}×${viewport.height}: title ≥ ${minTitle.toFixed(1)} px, word ≥ ${minWord.toFixed(1)} px`,
        );
        expect(minTitle).toBeGreaterThanOrEqual(titleFloor * scale);
        expect(minWord).toBeGreaterThanOrEqual(wordFloor * scale);
        for (const t of tiles) {
          expect(t.titleCut, t.title).toBe(false);
          expect(t.outside, `${t.id} ${t.title}`).toEqual([]);
        }
        // the 40-character title is whole on screen
        expect(tiles.find((t) => t.id === `n${n}-t0`)!.title).toBe(LONG_TITLE);
        expect(await hasScrollbars(page)).toBe(false);
        await page.close();
      },
    );
  }

  it("is a readable scrolling list on a phone (390×844)", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${fake.url}/?board=n24`);
    await page.locator("[data-tile]").nth(23).waitFor();
    const tiles = await measure(page);
    expect(Math.min(...tiles.map((t) => t.wordPx))).toBeGreaterThanOrEqual(16);
    expect(Math.min(...tiles.map((t) => t.titlePx))).toBeGreaterThanOrEqual(20);
    const cols = await page
      .locator("[data-tile]")
      .evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().left))).size);
    expect(cols).toBe(1);
    for (const t of tiles) expect(t.titleCut, t.title).toBe(false);
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight > innerHeight)).toBe(true);
    await page.close();
  });
});
