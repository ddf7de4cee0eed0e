// axe-core in Chromium: no serious or critical violation on the board or in the detail view, in every theme.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { startFakeCollector, type FakeCollector } from "../helpers/fake-collector.ts";
import { glanceTiles } from "../helpers/glance-tiles.ts";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const THEMES = ["dark", "light", "high-contrast"] as const;

let browser: Browser;
let fake: FakeCollector;

beforeAll(async () => {
  ensurePageBuilt();
  const now = Date.now();
  const tiles = glanceTiles(12);
  fake = await startFakeCollector({
    boards: [{ id: "main", title: "Access", tiles }],
    history: {
      t0: [
        { t: now - 3_600_000, status: "ok" },
        { t: now - 7 * 60_000, status: "fail" },
      ],
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }
    ).axe;
    // label-content-name-mismatch is "experimental" in axe and off unless asked for
    const r = await axe.run(document, {
      resultTypes: ["violations"],
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "label-content-name-mismatch")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(" ")}: ${n.failureSummary}`)
          .join(" | ")}`,
    );
}

describe("accessibility (axe-core)", () => {
  it.each(THEMES)("the board in the %s theme has no serious or critical violation", async (theme) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
    await page.goto(`${fake.url}/?theme=${theme}`);
    await page.locator('[data-tile="t11"]').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it.each(THEMES)("the detail view in the %s theme has no serious or critical violation", async (theme) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
    await page.goto(`${fake.url}/?theme=${theme}&tile=t0`);
    await page.locator('[data-detail="t0"]').waitFor();
    await page.waitForTimeout(300);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it("a tile's accessible name carries its status and age, as on screen", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(fake.url);
    const fail = page.getByRole("button", { name: /^Payments API integration tests main bran FAILING red for 7 min/ });
    await fail.waitFor();
    const stale = page.locator('[data-tile="t2"]');
    expect(await stale.textContent()).toMatch(
      /UNKNOWN\s*no data for 12 min\s*GitHub: token rejected · data 12 min old/,
    );
    await page.close();
  });
});
