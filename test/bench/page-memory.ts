/** The kiosk page under a fast stream of patches in Chromium: heap and DOM must stay flat. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startCollector } from "../helpers/collector-process.ts";
import { CHROMIUM_ARGS } from "../helpers/browser.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface PageMemory {
  patches: number;
  seconds: number;
  heapStart: number;
  heapEnd: number;
  nodesStart: number;
  nodesEnd: number;
  bundleGzip: number;
}

export async function pageMemory(seconds = 40): Promise<PageMemory | undefined> {
  if (!existsSync(`${ROOT}web/dist/index.html`)) {
    console.log("  skipped: web/dist is not built (npm run build)");
    return undefined;
  }
  const tiles = Array.from({ length: 40 }, (_, i) => ({
    id: `t${i}`,
    title: `Build ${i}`,
    kind: "demo",
    scenario: i % 4 === 0 ? "metric" : "flaky",
    seed: i,
    period: "3s",
    every: "250ms",
  }));
  const collector = await startCollector({ config: { boards: [{ id: "main", title: "Main", tiles }] } });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, "--js-flags=--expose-gc"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    let patches = 0;
    page.on("websocket", (ws) =>
      ws.on("framereceived", (f) => {
        if (String(f.payload).includes('"patch"')) patches++;
      }),
    );
    await page.goto(`${collector.url}/?board=main`);
    await page.waitForTimeout(5000);
    const sample = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      const { metrics } = await cdp.send("Performance.getMetrics");
      const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      return { heap: get("JSHeapUsedSize"), nodes: get("Nodes") };
    };
    const start = await sample();
    const p0 = patches;
    await page.waitForTimeout(seconds * 1000);
    const end = await sample();
    const assets = `${ROOT}web/dist/assets/`;
    const html = readFileSync(`${ROOT}web/dist/index.html`, "utf8");
    const entry = [...html.matchAll(/(?:src|href)="\/?assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const bundleGzip = entry
      .filter((f) => readdirSync(assets).includes(f))
      .reduce((n, f) => n + gzipSync(readFileSync(assets + f)).length, 0);
    return {
      patches: patches - p0,
      seconds,
      heapStart: start.heap,
      heapEnd: end.heap,
      nodesStart: start.nodes,
      nodesEnd: end.nodes,
      bundleGzip,
    };
  } finally {
    await browser.close();
    await collector.stop();
  }
}
