/**
 * A big board at rest (issue 12): 500 alertmanager tiles polled every 10 s against the fake
 * Alertmanager, with 10 screens. The upstream changes for 5 tiles a second (one poll in ten is a
 * 200 with a new body, and a ~2.7 KB patch); every other poll is a 304. The collector's CPU share
 * of one core (/proc) with the loop probe off, then its event-loop delay (loop-probe.mjs, inside its
 * process) over half that window again, and its RSS.
 */
import { cpuNs, rssBytes, sleep } from "./proc.ts";
import { alertmanagerConfig, alertmanagerTile, fakeAlertmanager } from "./upstream.ts";
import { startBare, startCollector, startScreens } from "./procs.ts";
import { loopProbe, type LoopWindow } from "./probe.ts";
// the floor polls on the collector's slot boundaries
import { POLL_SLOT_MS } from "../../collector/timer-wheel.ts";

export interface PollingFigures {
  tiles: number;
  windowS: number;
  cpuShare: number;
  /** bare node:http polling the same number of other teams at the same period, over the same window */
  floorShare: number;
  loop: LoopWindow;
  rss: number;
  requests: number;
  changed: number;
  screens: number;
}

export async function polling(tiles = 500, windowS = 30, screens = 10, changesPerS = 5): Promise<PollingFigures> {
  const am = await fakeAlertmanager();
  const probe = loopProbe();
  const teams = Array.from({ length: tiles }, (_, i) => `p${i}`);
  const collector = await startCollector(
    alertmanagerConfig(am.url, [
      { id: "polling", title: "Polling", tiles: teams.map((t) => alertmanagerTile(t, "10s")) },
    ]),
    probe,
  );
  // the same-run floor, over the same window, on its own fake upstream (so each one's counts are its own)
  const floorAm = await fakeAlertmanager();
  const floor = await startBare("poll-floor.ts", floorAm.url, "p", String(tiles), "10000", String(POLL_SLOT_MS));
  const scr = startScreens();
  let turn = 0;
  const changer = setInterval(() => {
    for (let i = 0; i < changesPerS; i++) {
      am.bump(teams[turn % tiles]!);
      floorAm.bump(teams[turn++ % tiles]!);
    }
  }, 1000);
  try {
    // the first round of polls (all 200s, 500 tiles into SQLite) is start-up, not the steady cost
    await sleep(12_000);
    const url = `${collector.url.replace("http:", "ws:")}/ws?board=polling`;
    await scr.ask({ op: "open", name: "s", url, n: screens, greeted: true });
    await sleep(3000);
    // the probe's 1 ms timers would be part of the CPU figure: off while it is taken, on for a window after it
    await probe.window(collector.pid, "off");
    const a0 = am.counts();
    const c0 = cpuNs(collector.pid);
    const f0 = cpuNs(floor.pid);
    const t0 = performance.now();
    await sleep(windowS * 1000);
    const cpu = cpuNs(collector.pid) - c0;
    const floorCpu = cpuNs(floor.pid) - f0;
    const wall = performance.now() - t0;
    const a1 = am.counts();
    await probe.window(collector.pid, "on");
    await sleep((windowS / 2) * 1000);
    const loop = await probe.window(collector.pid);
    const requests = a1.requests - a0.requests;
    return {
      tiles,
      windowS,
      cpuShare: cpu / 1e6 / wall,
      floorShare: floorCpu / 1e6 / wall,
      loop,
      rss: rssBytes(collector.pid),
      requests,
      changed: requests - (a1.notModified - a0.notModified),
      screens,
    };
  } finally {
    clearInterval(changer);
    await floor.stop();
    await floorAm.close();
    await scr.stop();
    await collector.stop();
    await am.close();
  }
}
