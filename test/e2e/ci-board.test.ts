// A tile of each CI kind, against fake CI servers, as people see it in the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { FakeUpstream } from "../helpers/fake-upstream.ts";
import { CI_TOKEN, ciFakes } from "../helpers/ci-fakes.ts";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";
import { ensurePageBuilt, launchBrowser, tileState } from "../helpers/browser.ts";

let fake: FakeUpstream;
let collector: CollectorProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensurePageBuilt();
  let config: object;
  ({ fake, config } = await ciFakes());
  collector = await startCollector({ env: { CI_TOKEN }, config });
  for (const id of ["gh", "gl", "jenkins", "bk", "go"])
    await collector.waitForTile(id, (t) => t.checkedAt !== null, 20_000);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${collector.url}/?board=ci`);
  await page.locator('[data-tile="go"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await fake?.close();
});

describe("CI tiles in the page", () => {
  it.each(["gh", "gl", "jenkins", "bk"])(
    "%s is red with its timer, a running bar with progress and the breakers",
    async (id) => {
      const tile = page.locator(`[data-tile="${id}"]`);
      await expect.poll(async () => (await tileState(page, id)).status).toBe("fail");
      const text = await tile.innerText();
      expect(text).toMatch(/FAILING/);
      expect(text).toMatch(/red for (\d+ min|\d+ h)/);
      expect(text).toMatch(/running \d+ %/);
      expect(text).toContain("Bob Builder");
    },
  );

  it("the cctray tile is red too, worst of the feed", async () => {
    await expect.poll(async () => (await tileState(page, "go")).badge).toMatch(/FAILING/);
  });

  it("a click on a red build shows its failing job first, linked upstream", async () => {
    await page.locator('[data-tile="gh"]').click();
    await page.waitForURL(/[?&]tile=gh/);
    const firstItem = page.locator("li").filter({ hasText: "test" }).first();
    await firstItem.waitFor();
    const link = firstItem.locator("a").first();
    expect(await link.getAttribute("href")).toMatch(/^https:\/\//);
    await page.keyboard.press("Escape");
    await page.locator('[data-tile="gh"]').waitFor();
  });
});
