// Environments tiles on the wall: lanes readable at 1920×1080 among 24 tiles, and the detail's recent deploys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensurePageBuilt, hasScrollbars, launchBrowser } from "../helpers/browser.ts";
import { buildTile } from "../helpers/builders.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles } from "../helpers/glance-tiles.ts";
import { lanesTile, type LaneReading } from "../../collector/sources/lib/lanes.ts";

const now = new Date("2026-11-29T10:00:00Z");
const deploys = (env: string, versions: string[]) =>
  versions.map((v, i) => ({
    title: v,
    status: "ok" as const,
    detail: `succeeded · alice`,
    at: new Date(now.getTime() - (i + 1) * 86_400_000).toISOString(),
    url: `https://github.com/acme/api/actions/runs/${env}-${i}`,
  }));
const readings: LaneReading[] = [
  {
    environment: "dev",
    version: "v1.4.4",
    deploy: "succeeded",
    by: "carol",
    at: "2026-11-29T09:55:00Z",
    recent: deploys("dev", ["v1.4.4", "v1.4.3"]),
  },
  {
    environment: "staging",
    version: "v1.4.3",
    deploy: "succeeded",
    by: "alice",
    at: "2026-11-27T09:05:00Z",
    recent: deploys("staging", ["v1.4.3", "v1.4.2", "v1.4.1"]),
  },
  {
    environment: "production",
    version: "v1.4.2",
    deploy: "succeeded",
    by: "bob",
    at: "2026-11-25T12:06:00Z",
    behind: 3,
    recent: deploys("production", ["v1.4.2"]),
  },
];
// through the real tile rule, so the page gets what the collector sends
const fields = lanesTile(readings, { now, behindWarnAfter: "1d" });
const envTile = (id: string) =>
  buildTile({
    id,
    board: "main",
    title: "API deploys",
    kind: "github-deployments",
    checkedAt: now.toISOString(),
    since: fields.since ?? null,
    ...fields,
    running: fields.running ?? false,
  });

let browser: Browser;
let fake: FakeCollector;
beforeAll(async () => {
  ensurePageBuilt();
  const others = glanceTiles(22, "main");
  fake = await startFakeCollector({
    title: "Envs",
    boards: [
      {
        id: "main",
        title: "Main",
        tiles: [envTile("envs"), ...others.slice(0, 11), envTile("envs2"), ...others.slice(11)],
      },
      {
        id: "twelve",
        title: "Twelve",
        tiles: [envTile("envs12"), ...glanceTiles(11, "twelve").map((t) => ({ ...t, id: `w${t.id}` }))],
      },
    ],
    families: { demo: "build", "github-deployments": "environments" },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

/** Each lane of an environments tile: its lines, text size, and whether it sits whole inside the tile. */
async function lanesOf(page: Page, id: string) {
  return page.locator(`[data-tile="${id}"]`).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return Array.from(el.querySelectorAll<HTMLElement>("[data-lane]")).map((lane) => {
      const r = lane.getBoundingClientRect();
      const lines = Array.from(lane.children) as HTMLElement[];
      return {
        lines: lines.map((l) => l.innerText.trim()),
        px: Math.min(...lines.map((l) => parseFloat(getComputedStyle(l).fontSize))),
        inside: r.top >= box.top && r.bottom <= box.bottom && r.left >= box.left && r.right <= box.right,
        cut: lines.some((l) => l.scrollWidth > l.clientWidth + 1),
      };
    });
  });
}

const LANES = [
  ["dev", "v1.4.4", "✔ deployed"],
  ["staging", "v1.4.3", "✔ deployed"],
  ["production", "v1.4.2", "▲ deployed"],
];

describe("environments tiles", () => {
  for (const [board, n, ids] of [
    ["main", 24, ["envs", "envs2"]],
    ["twelve", 12, ["envs12"]],
  ] as const) {
    it(`show every lane whole at 1920×1080 with ${n} tiles: version and deploy word, ≥ 16 px, no overflow`, async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${fake.url}/?board=${board}`);
      await page
        .locator("[data-tile]")
        .nth(n - 1)
        .waitFor();
      expect(await page.locator("[data-tile]").count()).toBe(n);
      for (const id of ids) {
        await page.locator(`[data-tile="${id}"] [data-lane]`).nth(2).waitFor();
        if (process.env.ENVS_SHOT)
          await page.locator(`[data-tile="${id}"]`).screenshot({ path: `/tmp/envs-${id}.png` });
        expect(await page.locator(`[data-tile="${id}"]`).getAttribute("data-status")).toBe("warn");
        const lanes = await lanesOf(page, id);
        console.log(`${n} tiles, ${id}: lanes at ${lanes.map((l) => l.px.toFixed(1)).join(", ")} px`);
        expect(lanes.map((l) => l.lines)).toEqual(LANES);
        for (const l of lanes) {
          expect(l.px, l.lines[0]).toBeGreaterThanOrEqual(16);
          expect([l.inside, l.cut], l.lines[0]).toEqual([true, false]);
        }
      }
      expect(await hasScrollbars(page)).toBe(false);
      await page.close();
    });
  }

  it("the detail lists each environment in order with its recent deploys, linked upstream", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${fake.url}/?board=main&tile=envs`);
    await page.locator('[data-detail="envs"] h1').waitFor();
    const envs = page.locator("[data-env]");
    expect(await envs.evaluateAll((els) => els.map((e) => e.getAttribute("data-env")))).toEqual([
      "dev",
      "staging",
      "production",
    ]);
    const prod = page.locator('[data-env="production"]');
    expect(await prod.locator(".now").innerText()).toMatch(/^▲ deployed v1\.4\.2 · 3 commits behind · bob · /);
    const staging = page.locator('[data-env="staging"] li');
    expect(await staging.count()).toBe(3);
    expect(
      await staging.locator("a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")])),
    ).toEqual([
      ["v1.4.3", "https://github.com/acme/api/actions/runs/staging-0"],
      ["v1.4.2", "https://github.com/acme/api/actions/runs/staging-1"],
      ["v1.4.1", "https://github.com/acme/api/actions/runs/staging-2"],
    ]);
    expect(await page.locator('[data-env="dev"] .now').innerText()).toMatch(/^✔ deployed v1\.4\.4 · carol/);
    await page.close();
  });
});
