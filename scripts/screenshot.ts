/**
 * `npm run screenshot`: the demo board at 1920×1080 in Debian's Chromium →
 * docs/screenshot.png (the README embeds it). Runs the real collector on the
 * embedded demo config, on a free loopback port.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, startCollector } from "../test/helpers/collector-process.ts";
import { ensurePageBuilt, launchBrowser } from "../test/helpers/browser.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? `${ROOT}docs/screenshot.png`;

ensurePageBuilt();
const port = await freePort();
// RADIATOR_URL: the demo's own /healthz check points at this collector, not at :8080
const collector = await startCollector({ config: `${ROOT}config/demo.json`, port, env: { RADIATOR_URL: `http://127.0.0.1:${port}`, RADIATOR_LOG_LEVEL: "warn" } });
const browser = await launchBrowser();
try {
  // every tile polled at least once, so no tile shows "no data yet"
  const started = Date.now();
  while (Date.now() - started < 40_000 && (await collector.state()).tiles.some((t) => !t.checkedAt)) await new Promise((r) => setTimeout(r, 250));
  // a few more polls, so the host tiles have sparklines too
  await new Promise((r) => setTimeout(r, Number(process.env.SCREENSHOT_WAIT_MS ?? 12_000)));
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${collector.url}/`);
  await page.locator("[data-tile]").first().waitFor();
  await page.waitForTimeout(1500);
  mkdirSync(new URL(".", `file://${out}`).pathname, { recursive: true });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await collector.stop();
}
