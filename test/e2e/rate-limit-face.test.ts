// Defect 7 of issue 8: a rate-limited tile keeps its last status until staleAfter; the reason shows on its face.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, launchBrowser, tileState } from "../helpers/browser.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";

let browser: Browser;
let collector: CollectorProcess;
let prom: FakeUpstream;
const ok = {
  json: { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1795926180.3, "12"] }] } },
};

beforeAll(async () => {
  ensurePageBuilt();
  prom = await fakeUpstream({ "GET /api/v1/query": ok, "GET /api/v1/query_range": ok });
  collector = await startCollector({
    config: {
      connections: { prom: { type: "prometheus", url: prom.url } },
      boards: [
        {
          id: "main",
          title: "Main",
          tiles: [
            {
              id: "lat",
              title: "Latency",
              kind: "prometheus",
              connection: "prom",
              query: "q",
              unit: "ms",
              warn: 500,
              every: "1s",
              staleAfter: "1h",
            },
          ],
        },
      ],
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await prom?.close();
});

describe("a rate-limited tile", () => {
  it("keeps its last status and shows 'rate limited until HH:MM UTC' on its face", async () => {
    await collector.waitForTile("lat", (t) => t.status === "ok");
    const limited = { status: 429, headers: { "retry-after": "600", "content-type": "text/plain" }, body: "slow down" };
    prom.route("GET /api/v1/query", limited);
    prom.route("GET /api/v1/query_range", limited);
    const tile = await collector.waitForTile("lat", (t) => /^rate limited until \d\d:\d\d UTC/.test(t.error ?? ""));
    expect(tile.status).toBe("ok");
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${collector.url}/?board=main`);
    const reason = page.locator('[data-tile="lat"] [data-reason]');
    await expect.poll(() => reason.innerText(), { timeout: 10_000 }).toMatch(/^rate limited until \d\d:\d\d UTC/);
    expect(await reason.isVisible()).toBe(true);
    expect((await tileState(page, "lat")).status).toBe("ok");
    await page.close();
  });
});
