/**
 * Fan-out against a bare `ws` broadcast: the collector (its own process) with 1,000 screens
 * (another process) gets webhook nudges for alertmanager tiles whose fake upstream changed, so
 * each nudge is one poll and one ~2.7 KB patch; the bare server is POSTed the very bytes the
 * screens got from the collector, at the same rate, to its own 1,000 screens. Rounds interleave
 * A B A B; CPU is read from /proc of each serving process.
 */
import { request } from "node:http";
import { cpuNs, clockMs, median, settledRss, sleep } from "./proc.ts";
import { alertmanagerConfig, alertmanagerTile, fakeAlertmanager } from "./upstream.ts";
import { startBare, startCollector, startScreens, type Served } from "./procs.ts";
import type { Received } from "./screens.ts";

export const TEAMS = Array.from({ length: 30 }, (_, i) => `t${i}`);
type Report = { log: Received[]; bytes: number; n: number };

export interface FanoutFigures {
  screens: number;
  idleMsPerS: number;
  nudgeMs: number;
  /** The same nudges to bare node:http (floor-server.ts): the cost of the two HTTP exchanges alone. */
  floorMs: number;
  /** The floor's nudges sent back to back instead of 10 a second. */
  floorHotMs: number;
  patchBytes: number;
  memPerScreen: { collector: number; bare: number };
  helloSerialisations: number;
  patchSerialisationsPerPatch: number;
  /** per pair of rounds: µs of CPU per delivered message */
  rounds: { a: number; b: number; aFanout: number }[];
  /** bare round ÷ the bare round before it */
  noise: number[];
  latencies: number[];
  /** webhook POST sent → the first screen has the patch */
  firstLatencies: number[];
  /** the bare server's: POST sent → the last of its screens has the message */
  bareLatencies: number[];
}

async function serialised(url: string, type: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`radiator_ws_messages_serialised_total\\{type="${type}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

export const webhookBody = (team: string) =>
  JSON.stringify({ version: "4", status: "firing", receiver: "radiator", alerts: [{ labels: { team } }] });

/**
 * A POST over node:http from 127.0.0.x: the collector lets each client address write about once a
 * second (the write guard), so the bench's 10 nudges a second come from 250 loopback addresses.
 */
export function post(base: string, path: string, body: string, turn: number): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        path,
        method: "POST",
        localAddress: `127.0.1.${1 + (turn % 250)}`,
        headers: { authorization: "Bearer bench-secret", "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export async function fanout(screens = 1000, perRound = 70, pairs = 3, gapMs = 100): Promise<FanoutFigures> {
  const am = await fakeAlertmanager();
  const board = [{ id: "bench", title: "Bench", tiles: TEAMS.map((t) => alertmanagerTile(t, "10m")) }];
  const collector = await startCollector(alertmanagerConfig(am.url, board, true));
  const upAt = performance.now();
  const bare = await startBare();
  let floor: Served | undefined;
  const scr = startScreens();
  try {
    // every tile has had its first poll
    for (let i = 0; i < 100; i++) {
      const state = (await (await fetch(`${collector.url}/api/state`)).json()) as { tiles: { checkedAt: unknown }[] };
      if (state.tiles.every((t) => t.checkedAt)) break;
      await sleep(100);
    }
    // Idle means after start-up's own work (compiling, the first saves, GC of the start's garbage): V8's memory
    // reducer runs its full GCs some 8–20 s after start-up's allocations stop (seen in CPU profiles), so wait
    // until 25 s after start and then for a quiet second (under 2 ms of CPU), at most 30 s; then measure 10 s.
    await sleep(Math.max(0, upAt + 25_000 - performance.now()));
    let c0 = cpuNs(collector.pid);
    for (let i = 0; i < 30; i++) {
      await sleep(1000);
      const c = cpuNs(collector.pid);
      if (c - c0 < 2e6) break;
      c0 = c;
    }
    c0 = cpuNs(collector.pid);
    await sleep(10_000);
    const idleMsPerS = (cpuNs(collector.pid) - c0) / 1e6 / 10;
    floor = await startBare("floor-server.ts", am.url);

    let turn = 0;
    const nudge = async () => {
      const team = TEAMS[turn++ % TEAMS.length]!;
      am.bump(team);
      const t0 = clockMs();
      const status = await post(collector.url, "/api/webhooks/alertmanager", webhookBody(team), turn);
      if (status !== 202) throw new Error(`the webhook answered ${status}`);
      return { team, t0 };
    };
    const paced = async <T>(n: number, step: () => Promise<T>): Promise<T[]> => {
      const out: T[] = [];
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        out.push(await step());
        await sleep(Math.max(0, start + (i + 1) * gapMs - performance.now()));
      }
      await sleep(300);
      return out;
    };

    // The poll that makes a patch, with no screen to send it to; warmed up by 40 nudges first, as the floor is:
    // V8 still compiles the poll path over the first ones (~1 ms a nudge on its compiler thread, for more than 5).
    await paced(40, nudge);
    c0 = cpuNs(collector.pid);
    await paced(40, nudge);
    const nudgeMs = (cpuNs(collector.pid) - c0) / 1e6 / 40;
    const helloBefore = await serialised(collector.url, "hello");
    const ws = (u: string) => u.replace("http:", "ws:");
    // RSS before and after 1,000 screens, each the median of 5 readings (single readings gave ×0.68–×1.33 in five runs)
    let r0 = await settledRss(collector.pid);
    await scr.ask({ op: "open", name: "a", url: `${ws(collector.url)}/ws?board=bench`, n: screens, greeted: true });
    await sleep(3000);
    const memCollector = ((await settledRss(collector.pid)) - r0) / screens;
    const helloSerialisations = (await serialised(collector.url, "hello")) - helloBefore;
    r0 = await settledRss(bare.pid);
    await scr.ask({ op: "open", name: "b", url: `${ws(bare.url)}/ws`, n: screens, greeted: false });
    await sleep(3000);
    const memBare = ((await settledRss(bare.pid)) - r0) / screens;

    const rounds: FanoutFigures["rounds"] = [];
    const noise: number[] = [];
    const latencies: number[] = [];
    const firstLatencies: number[] = [];
    const bareLatencies: number[] = [];
    let patchBytes = 0;
    let patchSer = 0;
    let patchesSeen = 0;
    for (let p = 0; p < pairs; p++) {
      // A: the collector
      await scr.ask({ op: "reset", name: "a" });
      const ser0 = await serialised(collector.url, "patch");
      c0 = cpuNs(collector.pid);
      const sent = await paced(perRound, nudge);
      const aNs = cpuNs(collector.pid) - c0;
      patchSer += (await serialised(collector.url, "patch")) - ser0;
      const a = await scr.ask<Report>({ op: "report", name: "a" });
      const patches = a.log.filter((m) => m.type === "patch" && m.tiles.length > 0);
      patchesSeen += patches.length;
      patchBytes = median(patches.map((m) => m.bytes));
      for (const { team, t0 } of sent) {
        const got = a.log.find((m) => m.type === "patch" && m.tiles.includes(team) && m.firstAt >= t0);
        latencies.push(got?.allAt ? got.allAt - t0 : Infinity);
        firstLatencies.push(got ? got.firstAt - t0 : Infinity);
      }
      const aPerMsg = aNs / 1e3 / (a.log.length * a.n);
      const aFanout = (aNs - nudgeMs * 1e6 * sent.length) / 1e3 / (a.log.length * a.n);
      // B: the same bytes from the bare server, at the same pace
      const texts = a.log.map((m) => m.text);
      await scr.ask({ op: "reset", name: "b" });
      c0 = cpuNs(bare.pid);
      let i = 0;
      const bareSent = await paced(texts.length, async () => {
        const t0 = clockMs();
        await post(bare.url, "/broadcast", texts[i++]!, turn++);
        return t0;
      });
      const bNs = cpuNs(bare.pid) - c0;
      const b = await scr.ask<Report>({ op: "report", name: "b" });
      bareSent.forEach((t0, k) => bareLatencies.push(b.log[k]?.allAt ? b.log[k]!.allAt! - t0 : Infinity));
      const bPerMsg = bNs / 1e3 / (b.log.length * b.n);
      if (rounds.length) noise.push(bPerMsg / rounds.at(-1)!.b);
      rounds.push({ a: aPerMsg, b: bPerMsg, aFanout });
    }
    // The floor: the same paced nudges, from new connections, to bare node:http polling the same upstream. Started
    // after the idle window and measured after the rounds, so it too is long past its start-up GCs (V8's memory
    // reducer runs 8–20 s after start): started 1 s before its nudges, it read 3.7 ms a nudge, 1.5 ms settled.
    let floorMs = 0;
    let floorHotMs = 0;
    try {
      const { url, pid } = floor;
      const floorNudge = async () => {
        const team = TEAMS[turn++ % TEAMS.length]!;
        am.bump(team);
        await post(url, "/api/webhooks/alertmanager", webhookBody(team), turn);
      };
      await paced(40, floorNudge);
      c0 = cpuNs(pid);
      await paced(40, floorNudge);
      floorMs = (cpuNs(pid) - c0) / 1e6 / 40;
      // The same 40 back to back: what the two exchanges cost with warm caches (this VM charges a lot for waking up).
      c0 = cpuNs(pid);
      for (let i = 0; i < 40; i++) await floorNudge();
      await sleep(300);
      floorHotMs = (cpuNs(pid) - c0) / 1e6 / 40;
    } finally {
      await floor.stop();
    }

    return {
      screens,
      idleMsPerS,
      nudgeMs,
      floorMs,
      floorHotMs,
      patchBytes,
      memPerScreen: { collector: memCollector, bare: memBare },
      helloSerialisations,
      patchSerialisationsPerPatch: patchSer / patchesSeen,
      rounds,
      noise,
      latencies,
      firstLatencies,
      bareLatencies,
    };
  } finally {
    await scr.stop();
    await collector.stop();
    await floor?.stop();
    await bare.stop();
    await am.close();
  }
}
