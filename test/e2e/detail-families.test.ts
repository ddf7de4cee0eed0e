// The detail view per family, against tiles at known values: what a person needs to act on each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { HistoryEntry } from "../../collector/contract.ts";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { buildTile } from "../helpers/builders.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";

let browser: Browser;
let fake: FakeCollector;
// fixed past times, shown in UTC: the texts below do not depend on today's date
const T = Date.parse("2026-11-29T12:04:00Z");
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

const ci = buildTile({
  id: "ci",
  title: "API main",
  kind: "demo",
  status: "fail",
  since: "2026-11-29T09:10:00Z",
  checkedAt: iso(T + 60 * MIN),
  summary: "#1432 failed in test · alice",
  people: ["alice", "bob"],
  url: "https://ci.example/run/1432",
  items: [
    {
      title: "test",
      status: "fail",
      url: "https://ci.example/job/1",
      detail: "failed at Run tests",
      at: "2026-11-29T12:30:00Z",
      durationSec: 492,
    },
    { title: "lint", status: "ok", url: "https://ci.example/job/2", detail: "success", at: "2026-11-29T12:20:00Z" },
  ],
  series: [300, 320, 290, 610, 305].map((v, i) => ({ t: T - (5 - i) * 60 * MIN, v })),
});
const lat = buildTile({
  id: "lat",
  title: "Checkout p95",
  kind: "metric",
  status: "warn",
  since: iso(T + 10 * MIN),
  checkedAt: iso(T + 60 * MIN),
  summary: "320 ms",
  value: 320,
  unit: "ms",
  thresholds: { warn: 200, fail: 500, direction: "above" },
});
const bare = buildTile({
  id: "bare",
  title: "Queue depth",
  kind: "metric",
  status: "ok",
  since: iso(T),
  checkedAt: iso(T + 60 * MIN),
  summary: "12",
  value: 12,
});
const alerts = buildTile({
  id: "alerts",
  title: "Alerts",
  kind: "list",
  status: "fail",
  since: iso(T),
  checkedAt: iso(T + 60 * MIN),
  summary: "1 firing",
  items: [
    {
      title: "DiskFull db1",
      status: "fail",
      url: "https://am.example/#/alerts?filter=x",
      detail: "critical · Disk full on db1 · instance=db1 job=node · since 12 min",
      at: "2026-11-29T11:52:00Z",
    },
  ],
});
const oncall = buildTile({
  id: "oncall",
  title: "On call",
  kind: "people",
  status: "ok",
  since: iso(T - 60 * MIN),
  checkedAt: iso(T + 60 * MIN),
  summary: "Alice on call until 18:00 · next Bob",
  people: ["Alice", "next: Bob"],
  items: [
    { title: "Alice", status: "ok", url: "https://pd.example/users/A", detail: "on call until 18:00 (5 h left)" },
    { title: "Bob", url: "https://pd.example/users/B", detail: "next, from 18:00 until 09:00" },
  ],
});
const steady = (
  status: HistoryEntry["status"],
  from: number,
  n: number,
  value?: (i: number) => number,
): HistoryEntry[] =>
  Array.from({ length: n }, (_, i) => ({ t: from + i * 5 * MIN, status, ...(value ? { value: value(i) } : {}) }));

beforeAll(async () => {
  ensurePageBuilt();
  fake = await startFakeCollector({
    boards: [{ id: "main", title: "Main", tiles: [ci, lat, bare, alerts, oncall] }],
    history: {
      // the store holds only the last hour; the tile has been red since 09:10
      ci: steady("fail", T, 12),
      lat: [...steady("ok", T - 30 * MIN, 8, () => 150), ...steady("warn", T + 10 * MIN, 8, (i) => 300 + i * 5)],
      bare: steady("ok", T - 10 * MIN, 6, (i) => 10 + i),
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

async function detail(id: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: "UTC" });
  await page.goto(`${fake.url}/?board=main&tile=${id}`);
  await page.locator(`[data-detail="${id}"] h1`).waitFor();
  return page;
}
const series = (page: Page) => page.locator("[data-detail] canvas[data-series]").getAttribute("data-series");
const texts = (page: Page, sel: string) =>
  page.locator(sel).evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));

describe("the detail view per family", () => {
  it("CI: culprits, the run's jobs with status, link, duration and time, and a labelled run-duration chart", async () => {
    const page = await detail("ci");
    await expect.poll(() => series(page), { timeout: 10_000 }).toBe("Run duration (s)");
    expect(await page.locator('[data-section="culprits"] .person').allInnerTexts()).toEqual([
      "alice (first red run)",
      "bob",
    ]);
    const jobs = page.locator('[data-section="jobs"] li');
    expect(await jobs.count()).toBe(2);
    expect(await texts(page, '[data-section="jobs"] li .st')).toEqual(["✖ FAILING", "✔ OK"]);
    expect(await jobs.locator("a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]))).toEqual(
      [
        ["test", "https://ci.example/job/1"],
        ["lint", "https://ci.example/job/2"],
      ],
    );
    expect(await texts(page, '[data-section="jobs"] .detail')).toEqual(["failed at Run tests", "success"]);
    expect(await texts(page, '[data-section="jobs"] .at')).toEqual([
      "finished 2026-11-29 12:30:00",
      "finished 2026-11-29 12:20:00",
    ]);
    // a duration only where upstream gave one
    expect(await texts(page, '[data-section="jobs"] .ran')).toEqual(["ran 8 min"]);
    await page.close();
  });

  it("CI: a history shorter than the red spell says so instead of contradicting 'red for'", async () => {
    const page = await detail("ci");
    await expect
      .poll(() => page.locator("[data-history-note]").innerText())
      .toBe("history starts 2026-11-29 12:04; red since 2026-11-29 09:10");
    await page.close();
  });

  it("metric: the value chart with the warn and fail thresholds drawn and named", async () => {
    const page = await detail("lat");
    await expect.poll(() => series(page), { timeout: 10_000 }).toBe("Value (ms)|warn at 200 ms|fail at 500 ms");
    expect(await page.locator('[data-section="thresholds"] .th').allInnerTexts()).toEqual([
      "warn at 200 ms",
      "fail at 500 ms",
    ]);
    // the history covers the state's start: no note
    expect(await page.locator("[data-history-note]").count()).toBe(0);
    await page.close();
  });

  it("metric without thresholds in the data: none drawn, and the view says so", async () => {
    const page = await detail("bare");
    await expect.poll(() => series(page), { timeout: 10_000 }).toBe("Value");
    expect(await page.locator('[data-section="thresholds"]').innerText()).toMatch(/sent no thresholds/);
    await page.close();
  });

  it("alerts: each alert with its severity, annotation and labels, link and start", async () => {
    const page = await detail("alerts");
    const item = page.locator('[data-section="items"] li');
    await item.waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.locator(".detail").innerText()).toBe(
      "critical · Disk full on db1 · instance=db1 job=node · since 12 min",
    );
    expect(await item.locator("a").getAttribute("href")).toBe("https://am.example/#/alerts?filter=x");
    expect(await item.locator(".at").innerText()).toBe("since 2026-11-29 11:52:00");
    await page.close();
  });

  it("people: who is on call now and until when, who is next", async () => {
    const page = await detail("oncall");
    await page.locator('[data-section="on call"] li').first().waitFor();
    expect(await texts(page, '[data-section="on call"] li .st')).toEqual(["✔ now", "? next"]);
    expect(await texts(page, '[data-section="on call"] .name')).toEqual(["Alice", "Bob"]);
    expect(await texts(page, '[data-section="on call"] .detail')).toEqual([
      "on call until 18:00 (5 h left)",
      "next, from 18:00 until 09:00",
    ]);
    await page.close();
  });
});
