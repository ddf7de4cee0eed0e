/**
 * The leader's polling CPU when nothing changes (docs/scaling.md): the compiled collector with 100
 * alertmanager tiles every 5 s against a fake upstream that answers 304 to every poll after the
 * first, no screens; CPU from /proc schedstat over a window, per upstream request (the collector's
 * idle timers included, ~1 ms/s). Run alone: `node --import tsx test/bench/poll-cost.ts`.
 */
import { cpuNs, loadAverage, sleep } from "./proc.ts";
import { alertmanagerConfig, alertmanagerTile, fakeAlertmanager } from "./upstream.ts";
import { startCollector } from "./procs.ts";

export async function pollCost(
  tiles = 100,
  windowS = 20,
): Promise<{ msPerPoll: number; polls: number; share304: number }> {
  const am = await fakeAlertmanager();
  const board = Array.from({ length: tiles }, (_, i) => alertmanagerTile(`p${i}`, "5s"));
  const collector = await startCollector(alertmanagerConfig(am.url, [{ id: "polls", title: "Polls", tiles: board }]));
  try {
    await sleep(12_000);
    const r0 = am.counts();
    const c0 = cpuNs(collector.pid);
    await sleep(windowS * 1000);
    const ns = cpuNs(collector.pid) - c0;
    const r1 = am.counts();
    const polls = r1.requests - r0.requests;
    return { msPerPoll: ns / 1e6 / polls, polls, share304: (r1.notModified - r0.notModified) / polls };
  } finally {
    await collector.stop();
    await am.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`load average before: ${loadAverage()}`);
  const p = await pollCost();
  console.log(
    `CPU per poll answered 304: ${p.msPerPoll.toFixed(2)} ms (${p.polls} polls, ${(p.share304 * 100).toFixed(1)} % 304)`,
  );
  console.log(`load average after: ${loadAverage()}`);
}
