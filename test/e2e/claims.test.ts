// "Alice is on it": a claim made in one browser shows on another screen within a second and ends when the tile turns green.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, flippableServer, launchBrowser } from "../helpers/browser.ts";
import { parseLocal, rotaTurn } from "../../collector/warden/rota.ts";

let browser: Browser;
let collector: CollectorProcess;
let upstream: Awaited<ReturnType<typeof flippableServer>>;
const TOKEN = "e2e-write-token";

beforeAll(async () => {
  ensurePageBuilt();
  upstream = await flippableServer();
  upstream.setStatus(500);
  collector = await startCollector({
    config: {
      title: "Claims",
      writeToken: TOKEN,
      warden: { rota: ["Alice", "Bob", "Carol"], every: "1w", from: "2026-11-30T09:00", nudgeAfter: "1s" },
      boards: [
        {
          id: "main",
          title: "Main",
          tiles: [{ id: "site", title: "Site", kind: "http", url: upstream.url, every: "1s" }],
        },
      ],
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await upstream?.close();
});

describe("claims in the browser", () => {
  it("a claim in one browser is on the second screen within a second; it ends when the upstream turns green", async () => {
    await collector.waitForTile("site", (t) => t.status === "fail");
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await tv.newPage();
    await wall.goto(`${collector.url}/?board=main`);
    await wall.locator('[data-tile="site"][data-status="fail"]').waitFor();
    expect(await wall.locator('[data-tile="site"] [data-claim]').count()).toBe(0);
    // the test's browser and collector share this machine's clock and zone
    const { name } = rotaTurn(["Alice", "Bob", "Carol"], parseLocal("2026-11-30T09:00"), 7 * 86_400_000, Date.now());
    expect(await wall.locator("[data-warden]").innerText()).toMatch(
      new RegExp(`^Fire warden: ${name} \\(until Mon 09:00\\)$`),
    );
    await wall.locator('[data-tile="site"] [data-nudge]').waitFor({ timeout: 5000 });
    expect(await wall.locator('[data-tile="site"] [data-nudge]').innerText()).toMatch(
      new RegExp(`^unclaimed \\d+ s — ${name}\\?$`),
    );

    const page = await laptop.newPage();
    await page.goto(`${collector.url}/?board=main&tile=site`);
    await page.locator("[data-claim-name]").fill("Alice");
    await page.locator("[data-claim-note]").fill("rolling back 1.4.2");
    await page.locator("[data-claim-submit]").click();
    // the collector has a write token: the page asks for it once
    await page.locator("[data-claim-token]").fill(TOKEN);
    await page.locator("[data-claim-submit]").click();
    await page.locator("[data-claim-current]").waitFor({ timeout: 5000 });
    const claimedAt = Date.now();
    await wall.locator('[data-tile="site"] [data-claim]').waitFor({ timeout: 1000 });
    expect(Date.now() - claimedAt).toBeLessThan(1000);
    expect(await wall.locator('[data-tile="site"] [data-claim]').innerText()).toMatch(
      /^Alice is on it · \d+ s · rolling back 1\.4\.2$/,
    );

    // name and token stay in that browser
    const again = await laptop.newPage();
    await again.goto(`${collector.url}/?board=main&tile=site`);
    await again.locator("[data-release]").click();
    await again.locator("[data-claim-name]").waitFor();
    expect(await again.locator("[data-claim-name]").inputValue()).toBe("Alice");
    await wall.locator('[data-tile="site"] [data-claim]').waitFor({ state: "detached", timeout: 1000 });
    await again.locator("[data-claim-submit]").click();
    await wall.locator('[data-tile="site"] [data-claim]').waitFor({ timeout: 2000 });

    upstream.setStatus(200);
    await wall.locator('[data-tile="site"][data-status="ok"]').waitFor({ timeout: 10_000 });
    expect(await wall.locator('[data-tile="site"] [data-claim]').count()).toBe(0);
    const detail = (await (await fetch(`${collector.url}/api/tiles/site`)).json()) as {
      claim: unknown;
      events: { type: string; by: string }[];
    };
    expect(detail.claim).toBe(null);
    expect(detail.events.map((e) => `${e.type} ${e.by}`)).toEqual([
      "claim Alice",
      "release Alice",
      "claim Alice",
      "fixed Alice",
    ]);
    // the detail's stats section counts that red spell
    const stats = await laptop.newPage();
    await stats.goto(`${collector.url}/?board=main&tile=site`);
    await stats.locator("[data-stats]").waitFor();
    expect(await stats.locator('[data-stats] tr:has(th:text-is("Red spells")) td').allInnerTexts()).toEqual(["1", "1"]);
    await laptop.close();
    await tv.close();
  });
});
