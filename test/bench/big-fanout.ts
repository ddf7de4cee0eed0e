/**
 * Big patches (issue 12): the collector's event-loop delay while it fans ~50 KB patches out to
 * 1,000 screens (measured inside its process by loop-probe.mjs), and then a stalled screen — one
 * that stops reading — among screens that keep reading: it must be dropped once about 1 MiB is
 * queued for it, and the others must keep getting every patch. Alertmanager tiles of 100 padded
 * alerts; each webhook nudge follows a change upstream, so it is one poll and one big patch.
 */
import { readFileSync } from "node:fs";
import { cpuNs, sleep } from "./proc.ts";
import { alertmanagerConfig, alertmanagerTile, fakeAlertmanager } from "./upstream.ts";
import { startCollector, startScreens } from "./procs.ts";
import { post, webhookBody } from "./fanout.ts";
import { loopProbe, type LoopProbe, type LoopWindow } from "./probe.ts";
import type { Received } from "./screens.ts";

/** Board "big" (the fan-out): 4 tiles, each nudged every 4 s (the scheduler polls a tile at most every 2 s on
 * nudges). Board "stall": 20 tiles, so 10 patches a second reach its screens. */
const BIG = ["big0", "big1", "big2", "big3"];
const STALL = Array.from({ length: 20 }, (_, i) => `st${i}`);

export interface LoopFigures {
  screens: number;
  patchBytes: number;
  patches: number;
  /** patches every one of the screens had */
  delivered: number;
  /** the loop with no screens: idle, then the same nudges (the polls alone) */
  alone: { idle: LoopWindow; busy: LoopWindow; cpuMsPerPoll: number };
  idle: LoopWindow;
  busy: LoopWindow;
  cpuMsPerPatch: number;
}

export interface StallFigures {
  healthy: number;
  /** the stalled screen was dropped (radiator_ws_dropped_total went up by one) */
  dropped: boolean;
  seconds: number;
  /** bytes written to the stalled screen since it stopped reading, at the last sample before the drop and the first after */
  sentBefore: number;
  sentAfter: number;
  /** of those, in the kernel's buffers (its receive queue + the collector's send queue, /proc/net/tcp) */
  kernel: number;
  /** patches nudged until the drop and after it; the fewest and most messages a healthy screen got meanwhile */
  nudgedUntilDrop: number;
  patchesAfterDrop: number;
  healthyClosed: number;
  healthyMin: number;
  healthyMax: number;
  /** patches and heartbeats the collector serialised meanwhile (one each for the board's screens) */
  made: number;
  /** the fewest messages a healthy screen got after the drop */
  afterDropMin: number;
}

async function metric(url: string, name: string): Promise<number> {
  const m = new RegExp(`^${name} (\\d+)`, "m").exec(await (await fetch(`${url}/metrics`)).text());
  return m ? Number(m[1]) : 0;
}

/** Bytes queued in the kernel on both ends of one loopback connection, by the client's port. */
function kernelQueued(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  let n = 0;
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [tx, rx] = f[4]!.split(":").map((x) => parseInt(x, 16));
    if (f[1]!.endsWith(`:${hex}`)) n += rx!; // the screen's receive queue
    if (f[2]!.endsWith(`:${hex}`)) n += tx!; // the collector's send queue
  }
  return n;
}

const tile = (team: string) => alertmanagerTile(team, "10m", { limit: 100 });

export async function bigFanout(
  parts: { loop: boolean; stall: boolean },
  screens = 1000,
  nudges = 20,
  gapMs = 1000,
): Promise<{ loop?: LoopFigures; stall?: StallFigures }> {
  const am = await fakeAlertmanager({ count: 100, pad: 190 });
  const probe = loopProbe();
  const collector = await startCollector(
    alertmanagerConfig(
      am.url,
      [
        { id: "big", title: "Big", tiles: BIG.map(tile) },
        { id: "stall", title: "Stall", tiles: STALL.map(tile) },
      ],
      true,
    ),
    probe,
  );
  const scr = startScreens();
  let turn = 0;
  let teams = BIG;
  const nudge = async () => {
    const team = teams[turn++ % teams.length]!;
    am.bump(team);
    const status = await post(collector.url, "/api/webhooks/alertmanager", webhookBody(team), turn);
    if (status !== 202) throw new Error(`the webhook answered ${status}`);
  };
  const paced = async (n: number, every: number, each?: () => Promise<boolean>) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      await nudge();
      if (each && (await each())) return i + 1;
      await sleep(Math.max(0, start + (i + 1) * every - performance.now()));
    }
    return n;
  };
  try {
    for (let i = 0; i < 100; i++) {
      const state = (await (await fetch(`${collector.url}/api/state`)).json()) as { tiles: { checkedAt: unknown }[] };
      if (state.tiles.every((t) => t.checkedAt)) break;
      await sleep(100);
    }
    await sleep(2000);
    const ws = collector.url.replace("http:", "ws:");
    const loop = parts.loop
      ? await loopDelay(collector.pid, probe, `${ws}/ws?board=big`, scr, () => paced(nudges, gapMs), screens)
      : undefined;
    teams = STALL;
    const stall = parts.stall ? await stalled(collector.url, `${ws}/ws?board=stall`, scr, paced) : undefined;
    return { loop, stall };
  } finally {
    await scr.stop();
    await collector.stop();
    await am.close();
  }
}

type Screens = ReturnType<typeof startScreens>;

/** The loop with no screens (idle, then the nudges: the polls alone), then with `screens` screens (idle, nudges). */
async function loopDelay(
  pid: number,
  probe: LoopProbe,
  ws: string,
  scr: Screens,
  nudges: () => Promise<number>,
  screens: number,
): Promise<LoopFigures> {
  const window = async (step: () => Promise<unknown>) => {
    await probe.window(pid);
    const c0 = cpuNs(pid);
    await step();
    return { loop: await probe.window(pid), cpuMs: (cpuNs(pid) - c0) / 1e6 };
  };
  const quiet = () => sleep(5000);
  let n = 0;
  const load = async () => {
    n = await nudges();
    await sleep(500);
  };
  const aloneIdle = await window(quiet);
  const aloneBusy = await window(load);
  await scr.ask({ op: "open", name: "big", url: ws, n: screens, greeted: true });
  await sleep(3000);
  const { loop: idle } = await window(quiet);
  await scr.ask({ op: "reset", name: "big" });
  const { loop: busy, cpuMs } = await window(load);
  const rep = await scr.ask<{ log: Received[] }>({ op: "report", name: "big" });
  const patches = rep.log.filter((m) => m.type === "patch" && m.tiles.length > 0);
  await scr.ask({ op: "close", name: "big" });
  await sleep(1000);
  return {
    screens,
    patchBytes: patches.length ? patches[0]!.bytes : 0,
    patches: patches.length,
    delivered: patches.filter((m) => m.allAt !== null).length,
    alone: { idle: aloneIdle.loop, busy: aloneBusy.loop, cpuMsPerPoll: aloneBusy.cpuMs / n },
    idle,
    busy,
    cpuMsPerPatch: cpuMs / Math.max(1, patches.length),
  };
}
type Status = { closed: number; counts: number[]; bytes: number };

/** One stalled screen among `healthy` reading ones, 10 big patches a second until it is dropped (≤ 60 s). */
async function stalled(
  url: string,
  ws: string,
  scr: Screens,
  paced: (n: number, every: number, each?: () => Promise<boolean>) => Promise<number>,
  healthy = 20,
): Promise<StallFigures> {
  await scr.ask({ op: "open", name: "ok", url: ws, n: healthy, greeted: true });
  await scr.ask({ op: "open", name: "stall", url: ws, n: 1, greeted: true });
  const { ports } = await scr.ask<{ ports: number[] }>({ op: "pause", name: "stall" });
  const port = ports[0]!;
  const dropped0 = await metric(url, "radiator_ws_dropped_total");
  const made = async () =>
    (await metric(url, 'radiator_ws_messages_serialised_total\\{type="patch"\\}')) +
    (await metric(url, 'radiator_ws_messages_serialised_total\\{type="heartbeat"\\}'));
  const made0 = await made();
  const ok0 = await scr.ask<Status>({ op: "status", name: "ok" });
  const sent = async () => ((await scr.ask<Status>({ op: "status", name: "ok" })).bytes - ok0.bytes) / healthy;
  let before = { sent: 0, kernel: kernelQueued(port) };
  let after = before;
  let dropped = false;
  const t0 = performance.now();
  const nudged = await paced(600, 100, async () => {
    const now = { sent: await sent(), kernel: kernelQueued(port) };
    if ((await metric(url, "radiator_ws_dropped_total")) > dropped0) {
      dropped = true;
      after = now;
      return true;
    }
    before = now;
    return false;
  });
  const seconds = (performance.now() - t0) / 1000;
  // the others keep getting patches after the drop
  const patchesAfterDrop = 20;
  const atDrop = await scr.ask<Status>({ op: "status", name: "ok" });
  await paced(patchesAfterDrop, 100);
  await sleep(1000);
  const ok = await scr.ask<Status>({ op: "status", name: "ok" });
  const madeSince = (await made()) - made0;
  const since = ok.counts.map((c, i) => c - ok0.counts[i]!);
  await scr.ask({ op: "close", name: "ok" });
  await scr.ask({ op: "close", name: "stall" });
  return {
    healthy,
    dropped,
    seconds,
    sentBefore: before.sent,
    sentAfter: after.sent,
    kernel: before.kernel,
    nudgedUntilDrop: nudged,
    patchesAfterDrop,
    healthyClosed: ok.closed,
    healthyMin: Math.min(...since),
    healthyMax: Math.max(...since),
    made: madeSince,
    afterDropMin: Math.min(...ok.counts.map((c, i) => c - atDrop.counts[i]!)),
  };
}
