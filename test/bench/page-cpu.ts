/**
 * The kiosk page's main thread in Chromium (issue 12), a 40-tile board of alertmanager tiles.
 * 1. Under 4× CPU throttling (DevTools `Emulation.setCPUThrottlingRate`), one real patch a second
 *    (a webhook nudge to the collector after a change upstream): main-thread time per patch
 *    (`Performance.getMetrics` TaskDuration, all main-thread work of the window ÷ patches, and net
 *    of an equally long window without patches) and long tasks (> 50 ms, a PerformanceObserver).
 * 2. The JS heap after 10,000 patches. At one a second that would take ~3 hours, so this page is
 *    served by a replayer (replay-server.ts) that sends the collector's own hello and snapshot and
 *    then 10,000 patches made from its tiles, as fast as the page takes them, unthrottled.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../helpers/browser.ts";
import { sleep } from "./proc.ts";
import { alertmanagerConfig, alertmanagerTile, fakeAlertmanager } from "./upstream.ts";
import { startCollector } from "./procs.ts";
import { post, webhookBody } from "./fanout.ts";
import { replayServer, type Replay } from "./replay-server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TEAMS = Array.from({ length: 40 }, (_, i) => `w${i}`);

export interface PageCpuFigures {
  throttle: number;
  patches: number;
  seconds: number;
  /** ms of main-thread work per patch: everything in the window, and net of a window without patches */
  perPatchMs: number;
  perPatchNetMs: number;
  idleMsPerS: number;
  /** long tasks (> 50 ms) in the window with patches, and in the one without */
  longTasks: number;
  longestTaskMs: number;
  longTasksIdle: number;
  heap: {
    patches: number;
    seconds: number;
    start: number;
    end: number;
    nodesStart: number;
    nodesEnd: number;
    /** the page asked for a snapshot (it saw a gap in the revs): must be 0 */
    resyncs: number;
  };
}

const LONG_TASKS = `
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
    .observe({ type: "longtask", buffered: true });
`;

async function metrics(cdp: CDPSession, gc = false) {
  if (gc) await cdp.send("HeapProfiler.collectGarbage");
  const { metrics: m } = await cdp.send("Performance.getMetrics");
  const get = (n: string) => m.find((x) => x.name === n)?.value ?? 0;
  return { taskS: get("TaskDuration"), heap: get("JSHeapUsedSize"), nodes: get("Nodes") };
}

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));

export async function pageCpu(seconds = 25, heapPatches = 10_000, throttle = 4): Promise<PageCpuFigures | undefined> {
  if (!existsSync(`${ROOT}web/dist/index.html`)) {
    console.log("  skipped: web/dist is not built (npm run build)");
    return undefined;
  }
  const am = await fakeAlertmanager();
  const wall = [{ id: "wall", title: "Wall", tiles: TEAMS.map((t) => alertmanagerTile(t, "10m")) }];
  const collector = await startCollector(alertmanagerConfig(am.url, wall, true));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, "--js-flags=--expose-gc"],
  });
  const replay = await replayServer(collector.url, "wall");
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(LONG_TASKS);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    let patches = 0;
    page.on("websocket", (ws) =>
      ws.on("framereceived", (f) => {
        if (String(f.payload).startsWith('{"type":"patch"')) patches++;
      }),
    );
    await page.goto(`${collector.url}/?board=wall`);
    await page.waitForSelector('[data-tile="w39"]');
    await sleep(3000);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
    await sleep(2000);
    await longTasks(page);

    // a window without patches (heartbeats and the page's own clocks), then one with a patch a second
    let m0 = await metrics(cdp);
    await sleep(seconds * 1000);
    let m1 = await metrics(cdp);
    const idleMsPerS = ((m1.taskS - m0.taskS) * 1000) / seconds;
    const long0 = await longTasks(page);
    m0 = await metrics(cdp);
    const p0 = patches;
    const start = performance.now();
    for (let i = 0; i < seconds; i++) {
      const team = TEAMS[i % TEAMS.length]!;
      am.bump(team);
      const status = await post(collector.url, "/api/webhooks/alertmanager", webhookBody(team), i);
      if (status !== 202) throw new Error(`the webhook answered ${status}`);
      await sleep(Math.max(0, start + (i + 1) * 1000 - performance.now()));
    }
    m1 = await metrics(cdp);
    const n = patches - p0;
    const long = await longTasks(page);
    const workMs = (m1.taskS - m0.taskS) * 1000;
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await page.close();

    const heap = await heapAfter(browser, replay, heapPatches);
    return {
      throttle,
      patches: n,
      seconds,
      perPatchMs: workMs / Math.max(1, n),
      perPatchNetMs: (workMs - idleMsPerS * seconds) / Math.max(1, n),
      idleMsPerS,
      longTasks: long.filter((d) => d > 50).length,
      longestTaskMs: Math.max(0, ...long),
      longTasksIdle: long0.filter((d) => d > 50).length,
      heap,
    };
  } finally {
    await browser.close();
    await replay.close();
    await collector.stop();
    await am.close();
  }
}

/** A fresh page on the replayer: heap and DOM after a warm-up, and after `n` more patches (after a GC each). */
async function heapAfter(browser: Browser, replay: Replay, n: number): Promise<PageCpuFigures["heap"]> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(`${replay.url}/?board=wall`);
  await page.waitForSelector('[data-tile="w39"]');
  await replay.send(page, 500);
  await sleep(1000);
  const start = await metrics(cdp, true);
  const t0 = performance.now();
  await replay.send(page, n);
  const seconds = (performance.now() - t0) / 1000;
  await sleep(1000);
  const end = await metrics(cdp, true);
  await page.close();
  return {
    patches: n,
    seconds,
    start: start.heap,
    end: end.heap,
    nodesStart: start.nodes,
    nodesEnd: end.nodes,
    resyncs: replay.resyncs(),
  };
}
