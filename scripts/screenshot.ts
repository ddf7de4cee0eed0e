/**
 * `npm run screenshot`: pictures for the README, in Debian's Chromium →
 * docs/screenshot.png (demo, dark, 1080p) and docs/board-<theme>-<size>.png for
 * each theme at 1920×1080 and 3840×2160, docs/attention.png (the attention layout
 * with several red tiles, tiles at known statuses) and docs/detail.png (a drill-down).
 * The demo runs the real collector on the embedded demo config, on a free loopback port.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, startCollector } from "../test/helpers/collector-process.ts";
import { ensurePageBuilt, launchBrowser } from "../test/helpers/browser.ts";
import { startFakeCollector } from "../test/helpers/fake-collector.ts";
import { glanceTiles } from "../test/helpers/glance-tiles.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DOCS = `${ROOT}docs/`;
const THEMES = ["dark", "light", "high-contrast"];
const SIZES = [
  { width: 1920, height: 1080, name: "1080p" },
  { width: 3840, height: 2160, name: "4k" },
];

ensurePageBuilt();
mkdirSync(DOCS, { recursive: true });
const port = await freePort();
// RADIATOR_URL: the demo's own /healthz check points at this collector, not at :8080
const collector = await startCollector({
  config: `${ROOT}config/demo.json`,
  port,
  env: { RADIATOR_URL: `http://127.0.0.1:${port}`, RADIATOR_LOG_LEVEL: "warn" },
});
const browser = await launchBrowser();
const now = Date.now();
const red = glanceTiles(24, "ops", now).map((t, i) =>
  [5, 9, 14].includes(i) ? { ...t, status: "fail" as const, summary: "3 of 9 jobs failed" } : t,
);
const fake = await startFakeCollector({
  title: "Radiator",
  boards: [{ id: "ops", title: "Operations", tiles: red, layout: "attention" }],
  history: {
    t0: [
      { t: now - 5 * 3_600_000, status: "ok" },
      { t: now - 2 * 3_600_000, status: "warn" },
      { t: now - 3_600_000, status: "ok" },
      { t: now - 7 * 60_000, status: "fail" },
    ],
  },
});
try {
  // every tile polled at least once, so no tile shows "no data yet"
  const started = Date.now();
  while (Date.now() - started < 40_000 && (await collector.state()).tiles.some((t) => !t.checkedAt))
    await new Promise((r) => setTimeout(r, 250));
  // a few more polls, so the host tiles have sparklines too
  await new Promise((r) => setTimeout(r, Number(process.env.SCREENSHOT_WAIT_MS ?? 12_000)));
  const shoot = async (
    url: string,
    file: string,
    viewport: { width: number; height: number },
    ready = "[data-tile]",
  ) => {
    const page = await browser.newPage({ viewport, reducedMotion: "reduce" });
    await page.goto(url);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${DOCS}${file}` });
    await page.close();
    console.log(`wrote docs/${file}`);
  };
  await shoot(`${collector.url}/`, "screenshot.png", SIZES[0]!);
  for (const theme of THEMES) {
    for (const size of SIZES) await shoot(`${collector.url}/?theme=${theme}`, `board-${theme}-${size.name}.png`, size);
  }
  await shoot(`${fake.url}/?board=ops`, "attention.png", SIZES[0]!);
  await shoot(`${fake.url}/?board=ops&tile=t0`, "detail.png", { width: 1280, height: 900 }, "[data-detail]");
} finally {
  await browser.close();
  await collector.stop();
  await fake.close();
}
