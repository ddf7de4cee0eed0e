// Click, Enter, Esc and Back on the built page in Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";

let browser: Browser;
let collector: CollectorProcess;

beforeAll(async () => {
  ensurePageBuilt();
  collector = await startCollector({
    config: {
      title: "E2E",
      boards: [
        {
          id: "main",
          title: "Main board",
          tiles: [
            { id: "d1", title: "Demo build", kind: "demo", scenario: "broken", every: "1s" },
            { id: "d2", title: "Demo latency", kind: "demo", scenario: "metric", every: "1s" },
          ],
        },
        {
          id: "ops",
          title: "Ops board",
          tiles: [{ id: "d3", title: "Ops latency", kind: "demo", scenario: "metric", seed: 3, every: "1s" }],
        },
      ],
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

async function board(path = "/?board=main", viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${collector.url}${path}`);
  await page.locator('[data-tile="d1"]').waitFor();
  return page;
}

async function chartDrawn(page: Page): Promise<void> {
  const canvas = page.locator("[data-detail] canvas");
  await canvas.waitFor();
  await expect
    .poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height), { timeout: 10_000 })
    .toBeGreaterThan(0);
}

describe("drill-down", () => {
  it("a click opens the tile's detail view with its own URL and a chart; Esc returns", async () => {
    const page = await board();
    await page.locator('[data-tile="d1"]').click();
    await page.locator('[data-detail="d1"]').waitFor();
    expect(new URL(page.url()).searchParams.get("tile")).toBe("d1");
    expect(new URL(page.url()).searchParams.get("board")).toBe("main");
    await chartDrawn(page);
    await expect.poll(() => page.locator("[data-detail] h1").innerText()).toBe("Demo build");
    expect(await page.locator("[data-detail]").innerText()).toMatch(/Checked at/);
    await page.keyboard.press("Escape");
    await page.locator("[data-detail]").waitFor({ state: "detached" });
    await page.locator('[data-tile="d1"]').waitFor();
    expect(new URL(page.url()).searchParams.get("tile")).toBeNull();
    await page.close();
  });

  it("Tab to a tile and Enter opens it; the browser's Back returns to the board", async () => {
    const page = await board();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-tile"))).toBe("d2");
    await page.keyboard.press("Enter");
    await page.locator('[data-detail="d2"]').waitFor();
    await chartDrawn(page);
    await page.goBack();
    await page.locator("[data-detail]").waitFor({ state: "detached" });
    await page.locator('[data-tile="d2"]').waitFor();
    await page.close();
  });

  it("a detail URL opened directly shows the detail view, usable on a phone", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${collector.url}/?board=main&tile=d1`);
    await page.locator('[data-detail="d1"]').waitFor();
    await chartDrawn(page);
    const overflowX = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflowX).toBe(false);
    await page.locator("[data-detail] button.back").tap();
    await page.locator('[data-tile="d1"]').waitFor();
    await page.close();
  });

  it("loads chart.js only when a detail view opens", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await page.goto(`${collector.url}/?board=main`);
    await page.locator('[data-tile="d1"]').waitFor();
    const before = scripts.length;
    await page.locator('[data-tile="d1"]').click();
    await chartDrawn(page);
    expect(scripts.length).toBeGreaterThan(before);
    await page.close();
  });
});

describe("boards in the URL", () => {
  it("an unknown board says so and lists the boards that exist", async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/?board=nope`);
    const banner = page.locator('[data-banner="unknown-board"]');
    await banner.waitFor({ timeout: 10_000 });
    await expect.poll(() => banner.innerText(), { timeout: 10_000 }).toMatch(/nope[\s\S]*main[\s\S]*ops/);
    await page.close();
  });

  it("?board=main,ops&rotate=5s rotates between the boards and shows which one", async () => {
    const page = await board("/?board=main,ops&rotate=5s");
    expect(await page.locator("header h1").innerText()).toBe("Main board");
    expect(await page.locator('[data-tile="d3"]').count()).toBe(0);
    await page.locator('[data-tile="d3"]').waitFor({ timeout: 8000 });
    expect(await page.locator("header h1").innerText()).toBe("Ops board");
    expect(await page.locator('[data-tile="d1"]').count()).toBe(0);
    expect(await page.locator("header [aria-label='board 2 of 2']").count()).toBe(1);
    await page.close();
  });

  it("is dark by default and light with ?theme=light", async () => {
    const bg = async (path: string) => {
      const page = await board(path);
      const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.close();
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return (r! + g! + b!) / 3;
    };
    expect(await bg("/?board=main")).toBeLessThan(60);
    expect(await bg("/?board=main&theme=light")).toBeGreaterThan(200);
  });
});
