/** Debian's Chromium through playwright-core: no browser download, headless, loopback only. */
import { chromium, type Browser, type Page } from "playwright-core";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fakeUpstream } from "./fake-upstream.ts";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  return page;
}

/** True when the document scrolls in either direction. */
export function hasScrollbars(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const e = document.scrollingElement ?? document.documentElement;
    return e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
  });
}

/** The tile's status on screen: its data-status and the word on its badge. */
export async function tileState(
  page: Page,
  id: string,
): Promise<{ status: string | null; badge: string; colour: string }> {
  const tile = page.locator(`[data-tile="${id}"]`);
  return {
    status: await tile.getAttribute("data-status"),
    badge: (await tile.locator(".badge").innerText()).trim(),
    colour: await tile.evaluate((el) => getComputedStyle(el).backgroundColor),
  };
}

/** Builds web/dist when it is missing or older than its sources (the same check as `npm start`). */
export function ensurePageBuilt(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const r = spawnSync(process.execPath, [join(root, "scripts/build-web-if-needed.mjs")], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error("building the page (web/dist) failed");
}

/** An upstream whose status code the test flips, for an `http` tile (the fake upstream, one route). */
export async function flippableServer(): Promise<{
  url: string;
  setStatus(code: number): void;
  close(): Promise<void>;
}> {
  const answer = (status: number) => ({
    status,
    body: status < 400 ? "ok" : "broken",
    headers: { "content-type": "text/plain" },
  });
  const up = await fakeUpstream({ "GET /": answer(200) });
  return { url: `${up.url}/`, setStatus: (code) => up.route("GET /", answer(code)), close: up.close };
}
