// Defect 3 of issue 8: a board whose tiles were all grey showed its counts in green.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, launchBrowser } from "../helpers/browser.ts";
import { fakeUpstream, type FakeUpstream } from "../helpers/fake-upstream.ts";

let browser: Browser;
let collector: CollectorProcess;
let prom: FakeUpstream;

const vector = (v: string) => ({
  status: "success",
  data: { resultType: "vector", result: [{ metric: {}, value: [1795926180.302, v] }] },
});
/** Each tile's own query path, so the test holds each at a known status. */
const held: Record<string, object> = {};

beforeAll(async () => {
  ensurePageBuilt();
  prom = await fakeUpstream({
    "GET /api/v1/query": (req) => ({ json: held[req.query.get("query")!] ?? vector("1") }),
    "GET /api/v1/query_range": { json: { status: "success", data: { resultType: "matrix", result: [] } } },
  });
  held.a = { status: "error", errorType: "execution", error: "held broken by the test" };
  held.b = held.a;
  collector = await startCollector({
    config: {
      title: "Header",
      connections: { prom: { type: "prometheus", url: prom.url } },
      boards: [
        {
          id: "main",
          title: "Main",
          tiles: ["a", "b"].map((id) => ({
            id,
            title: id,
            kind: "prometheus",
            connection: "prom",
            query: id,
            warn: 50,
            fail: 90,
            every: "1s",
          })),
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

async function countsColour(page: Page): Promise<{ text: string; colour: string; expected: Record<string, string> }> {
  return page.evaluate(() => {
    const el = document.querySelector("[data-counts]")!;
    const probe = (v: string) => {
      const d = document.createElement("span");
      d.style.color = `var(${v})`;
      document.body.append(d);
      const c = getComputedStyle(d).color;
      d.remove();
      return c;
    };
    return {
      text: (el as HTMLElement).innerText,
      colour: getComputedStyle(el).color,
      expected: { ok: probe("--ok"), unknown: probe("--unknown"), warn: probe("--warn"), fail: probe("--fail") },
    };
  });
}

describe("the header counts", () => {
  it("are grey, not green, when every tile is unknown; grey while one is unknown; green when all are ok", async () => {
    await collector.waitForTile("a", (t) => t.status === "unknown" && t.checkedAt === null && !!t.error);
    await collector.waitForTile("b", (t) => t.status === "unknown" && !!t.error);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${collector.url}/?board=main`);
    await expect.poll(async () => (await countsColour(page)).text, { timeout: 10_000 }).toBe("2 unknown");
    let c = await countsColour(page);
    expect(c.colour).toBe(c.expected.unknown);
    expect(c.colour).not.toBe(c.expected.ok);

    held.a = vector("12");
    await expect.poll(async () => (await countsColour(page)).text, { timeout: 10_000 }).toBe("1 unknown");
    c = await countsColour(page);
    expect(c.colour).toBe(c.expected.unknown);

    held.b = vector("60");
    await expect.poll(async () => (await countsColour(page)).text, { timeout: 10_000 }).toBe("1 warning");
    expect((await countsColour(page)).colour).toBe(c.expected.warn);

    held.b = vector("3");
    await expect
      .poll(async () => (await countsColour(page)).text, { timeout: 10_000 })
      .toMatch(/^all 2 OK · green for \d+ s$/);
    expect((await countsColour(page)).colour).toBe(c.expected.ok);
    await page.close();
  });
});
