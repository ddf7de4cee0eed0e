// Deploy markers in Chromium: the TV sparkline's tick and the detail chart's labelled markers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { DeployImpact, HistoryEntry, Tile } from "../../collector/contract.ts";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { buildTile } from "../helpers/builders.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";

const T = Date.parse("2026-11-29T12:00:00Z");
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const marker = { t: T + 30 * MIN, version: "1.4.3", environment: "production", source: "api-prod" };
const impact: DeployImpact = {
  marker,
  before: 100,
  after: 228,
  change: 1.28,
  regressed: true,
  text: "p95 latency +128 % since deploy 1.4.3 (30 min ago)",
};
const lat: Tile & { markers: (typeof marker)[] } = {
  ...buildTile({
    id: "lat",
    title: "p95 latency",
    kind: "metric",
    status: "warn",
    since: iso(T + 35 * MIN),
    checkedAt: iso(T + 60 * MIN),
    summary: `${impact.text} · 228 ms`,
    value: 228,
    unit: "ms",
  }),
  series: Array.from({ length: 61 }, (_, i) => ({ t: T + i * MIN, v: i < 31 ? 100 : 228 })),
  marks: [marker.t],
  impact,
  markers: [marker],
};
const history: HistoryEntry[] = Array.from({ length: 13 }, (_, i) => ({
  t: T + i * 5 * MIN,
  status: i < 7 ? "ok" : "warn",
  value: i < 7 ? 100 : 228,
}));

let browser: Browser;
let fake: FakeCollector;
beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({ boards: [{ id: "main", title: "Main", tiles: [lat] }], history: { lat: history } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

describe("deploy markers on the page", () => {
  it("the TV sparkline has a tick at the deploy, halfway along", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, timezoneId: "UTC" });
    await page.goto(`${fake.url}/?board=main`);
    const line = page.locator('[data-tile="lat"] svg.spark path.line');
    await line.waitFor();
    expect((await line.getAttribute("d"))?.startsWith("M50.0 30v-9M0.0 ")).toBe(true);
    await page.close();
  });

  it("the detail chart has the marker with its version, and the figures are listed", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: "UTC" });
    await page.goto(`${fake.url}/?board=main&tile=lat`);
    await page.locator('[data-detail="lat"] h1').waitFor();
    const canvas = page.locator("[data-detail] canvas[data-markers]");
    await expect.poll(() => canvas.getAttribute("data-markers"), { timeout: 10_000 }).toBe("deploy 1.4.3");
    expect(await page.locator('[data-section="deploy"] p').innerText()).toBe(
      "deploy 1.4.3 to production at 12:30: 100 ms before, 228 ms after (+128 %), a regression",
    );
    await page.close();
  });
});
