/**
 * Steady state: 100 alertmanager tiles polled every 5 s against a fake upstream that never
 * changes (every poll after the first a 304). Measures bytes per screen per minute, the 304
 * share, and upstream requests with 1 screen and then with 500 (they must not grow with screens).
 */
import { sleep } from "./proc.ts";
import { alertmanagerConfig, alertmanagerTile, fakeAlertmanager } from "./upstream.ts";
import { startCollector, startScreens } from "./procs.ts";

export interface SteadyFigures {
  tiles: number;
  windowS: number;
  bytesPerScreenPerMin: { one: number; many: number };
  requests: { one: number; many: number };
  notModifiedShare: number;
}

type Report = { bytes: number; n: number };

export async function steady(tiles = 100, windowS = 30, many = 500): Promise<SteadyFigures> {
  const am = await fakeAlertmanager();
  const board = Array.from({ length: tiles }, (_, i) => alertmanagerTile(`s${i}`, "5s"));
  const collector = await startCollector(alertmanagerConfig(am.url, [{ id: "steady", title: "Steady", tiles: board }]));
  const scr = startScreens();
  try {
    const url = `${collector.url.replace("http:", "ws:")}/ws?board=steady`;
    // the first polls (200s) are patches; steady state starts after them
    await sleep(7000);
    await scr.ask({ op: "open", name: "one", url, n: 1, greeted: true });
    await scr.ask({ op: "reset", name: "one" });
    const a0 = am.counts();
    await sleep(windowS * 1000);
    const one = await scr.ask<Report>({ op: "report", name: "one" });
    const a1 = am.counts();
    await scr.ask({ op: "open", name: "many", url, n: many - 1, greeted: true });
    await scr.ask({ op: "reset", name: "many" });
    const b0 = am.counts();
    await sleep(windowS * 1000);
    const m = await scr.ask<Report>({ op: "report", name: "many" });
    const b1 = am.counts();
    const perMin = (bytes: number, n: number) => ((bytes / n) * 60) / windowS;
    return {
      tiles,
      windowS,
      bytesPerScreenPerMin: { one: perMin(one.bytes, 1), many: perMin(m.bytes, m.n) },
      requests: { one: a1.requests - a0.requests, many: b1.requests - b0.requests },
      notModifiedShare: (b1.notModified - a0.notModified) / (b1.requests - a0.requests),
    };
  } finally {
    await scr.stop();
    await collector.stop();
    await am.close();
  }
}
