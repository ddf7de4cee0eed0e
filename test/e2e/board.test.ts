// The built page in Debian's Chromium against the collector run as a real process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, flippableServer, launchBrowser, tileState } from "../helpers/browser.ts";

let browser: Browser;
let collector: CollectorProcess;
let upstream: Awaited<ReturnType<typeof flippableServer>>;

function config(extra: object[] = []) {
  return {
    title: "E2E",
    boards: [{
      id: "main", title: "Main board",
      tiles: [
        { id: "site", title: "Site", kind: "http", url: upstream.url, every: "1s" },
        { id: "d1", title: "Demo build", kind: "demo", scenario: "build", every: "2s" },
        { id: "d2", title: "Demo latency", kind: "demo", scenario: "metric", every: "2s" },
        ...extra,
      ],
    }],
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
  collector = await startCollector({ config: config() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await upstream?.close();
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
    await expect.poll(() => page.locator("[data-counts]").innerText()).toContain("1 failing");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    upstream.setStatus(200);
    await expect.poll(() => tileState(page, "site").then((s) => s.badge), { timeout: 15_000 }).toContain("OK");
    await page.close();
  });

  it("labels each tile for screen readers and lets Tab reach it", async () => {
    const page = await board();
    // the name comes from what is on screen: title, status word, and how long
    const named = page.getByRole("button", { name: /^Demo build (OK|FAILING) (green|red) for \d+ (s|min|h|d)\b/ });
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
    expect(await page.locator('[data-tile="site"]').evaluate((el) => getComputedStyle(el).filter)).toContain("grayscale");
    await page.waitForTimeout(2500); // a few failed attempts: backoff grows
    await collector.restart();
    await page.locator('[data-link="connected"]').waitFor({ timeout: 20_000 });
    await banner.waitFor({ state: "detached" });
    expect(await page.locator("main.board").getAttribute("class")).not.toContain("offline");
    // the data is live again: the new process's tiles keep arriving
    const checked = (await collector.state()).tiles.find((t) => t.id === "site")!.checkedAt;
    await expect.poll(async () => (await collector.state()).tiles.find((t) => t.id === "site")!.checkedAt, { timeout: 10_000 }).not.toBe(checked);
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
