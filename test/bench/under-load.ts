/**
 * The rest of issue 12's bench, one section of run.ts: the collector's event loop under ~50 KB
 * fan-outs, a stalled screen, a 500-tile board polling, the page's main thread at 4× throttling.
 * Sections (BENCH_ONLY): loop, stall, polling, page-cpu.
 */
import { bigFanout } from "./big-fanout.ts";
import { polling } from "./polling.ts";
import { pageCpu } from "./page-cpu.ts";
import type { LoopWindow } from "./probe.ts";

type Figure = (name: string, value: string, baseline: string, ok: boolean, budget: string) => void;

const f1 = (x: number) => x.toFixed(1);
const mib = (n: number) => (n / 1048576).toFixed(2);
const loopText = (w: LoopWindow) =>
  `p50 ${f1(w.p50)}, p99 ${f1(w.p99)}, max ${f1(w.max)} ms (on CPU ${f1(w.busyMax)}), ${w.over20} stalls > 20 ms ` +
  `(${w.busyOver20} on CPU), loop busy ${f1(w.utilisation * 100)} %`;

export async function underLoad(figure: Figure, only: (section: string) => boolean): Promise<void> {
  const screens = Number(process.env.BENCH_SCREENS ?? 1000);
  if (only("loop") || only("stall")) {
    const nudges = Number(process.env.BENCH_BIG_NUDGES ?? 20);
    console.log(
      `\nBig patches: event-loop delay inside the collector (loop-probe.mjs, 1 ms resolution), a stalled screen`,
    );
    const { loop, stall } = await bigFanout({ loop: only("loop"), stall: only("stall") }, screens, nudges);
    if (loop) {
      console.log(
        `  ${loop.patches} patches of ${loop.patchBytes} B, one a second; ${loop.delivered} reached all ${screens} screens`,
      );
      console.log(`  no screens, idle: ${loopText(loop.alone.idle)}`);
      console.log(
        `  no screens, the same nudged polls: ${loopText(loop.alone.busy)}; ${f1(loop.alone.cpuMsPerPoll)} ms CPU a poll`,
      );
      console.log(`  ${screens} screens, idle: ${loopText(loop.idle)}`);
      console.log(`  ${screens} screens, patches: ${loopText(loop.busy)}; ${f1(loop.cpuMsPerPatch)} ms CPU a patch`);
      figure(
        `event-loop delay p99 (1 ms samples), ~50 KB patches to ${screens} screens`,
        `${f1(loop.busy.p99)} ms`,
        `no screens ${f1(loop.alone.busy.p99)} ms`,
        loop.busy.p99 < 20 && loop.delivered === loop.patches,
        "< 20 ms",
      );
      // A stall once a second is < 1 % of the 1 ms samples, so p99 above cannot see it: per fan-out, the p99 of
      // the worst delay of each of the patches is (at 20 patches) the longest stall of the window. Held to the
      // budget: its CPU time (the collector blocking its loop); the wall time adds waiting for a CPU, which on a
      // shared 2-core machine with the 1,000 screens' process beside it is the machine, not the collector.
      figure(
        `event-loop stall per fan-out, worst of ${loop.patches}, the collector on CPU`,
        `${f1(loop.busy.busyMax)} ms (wall ${f1(loop.busy.max)} ms)`,
        `the polls alone, no screens: ${f1(loop.alone.busy.busyMax)} ms`,
        loop.busy.busyMax < 20,
        "< 20 ms",
      );
    }
    if (stall) {
      const queued = [stall.sentBefore - stall.kernel, stall.sentAfter - stall.kernel];
      console.log(
        `  stalled screen (1, not reading) among ${stall.healthy} reading, 10 patches a second: dropped ${stall.dropped ? `after ${f1(stall.seconds)} s` : "NOT (60 s)"}; ` +
          `${mib(stall.sentBefore)}–${mib(stall.sentAfter)} MiB written to it unread, ${mib(stall.kernel)} MiB of that in the kernel's socket buffers (/proc/net/tcp)`,
      );
      figure(
        "a stalled screen is dropped once ~1 MiB is queued for it in the collector",
        stall.dropped ? `at ${mib(queued[0]!)}–${mib(queued[1]!)} MiB queued (ws bufferedAmount)` : "not dropped",
        "",
        stall.dropped && queued[0]! <= 1.25 * 1048576 && queued[1]! >= 0.9 * 1048576,
        "dropped at ~1 MiB (MAX_BUFFERED_BYTES), ± one patch",
      );
      const nudged = stall.nudgedUntilDrop + stall.patchesAfterDrop;
      // nudges during a running poll share its patch, so the count to match is the messages the collector made
      figure(
        "the other screens keep getting every patch",
        `${stall.healthyMin}–${stall.healthyMax} messages each of the ${stall.made} made (${nudged} nudges; ` +
          `${stall.afterDropMin} after the drop), ${stall.healthyClosed} closed`,
        "",
        stall.healthyClosed === 0 &&
          stall.healthyMin === stall.healthyMax &&
          Math.abs(stall.healthyMin - stall.made) <= 1 &&
          stall.afterDropMin > 0,
        "every screen all of them (± 1 in flight), none closed",
      );
    }
  }
  if (only("polling")) {
    const windowS = Number(process.env.BENCH_POLL_WINDOW ?? 30);
    console.log(
      `\nA big board: 500 alertmanager tiles every 10 s, 10 screens, upstream changes 5 tiles a second (else 304)`,
    );
    const p = await polling(500, windowS);
    console.log(
      `  ${p.requests} upstream requests in ${p.windowS} s, ${p.changed} answered 200; event loop ${loopText(p.loop)}; RSS ${mib(p.rss)} MiB`,
    );
    figure(
      "collector CPU share of one core, 500 tiles every 10 s",
      `${f1(p.cpuShare * 100)} %, ×${(p.cpuShare / p.floorShare).toFixed(2)} of the floor`,
      `bare node:http polling 500 others alongside, in the same 250 ms slots, ${f1(p.floorShare * 100)} %`,
      p.cpuShare <= 0.1,
      "≤ 10 %",
    );
    figure(
      "event-loop delay p99 (1 ms samples), 500 tiles",
      `${f1(p.loop.p99)} ms (max ${f1(p.loop.max)})`,
      "",
      p.loop.p99 < 20,
      "< 20 ms",
    );
    const share304 = 1 - p.changed / p.requests;
    figure(
      "upstream answers 304, 500 tiles (9 polls in 10 find nothing new)",
      `${f1(share304 * 100)} %`,
      "",
      share304 >= 0.85,
      "≥ 85 %",
    );
    console.log(`  collector RSS, 500 tiles: ${mib(p.rss)} MiB (no budget)`);
  }
  if (only("page-cpu")) {
    const seconds = Number(process.env.BENCH_PAGE_SECONDS ?? 25);
    console.log(`\nThe page's main thread in Chromium, 40 alertmanager tiles, 4× CPU throttling (DevTools)`);
    const pc = await pageCpu(seconds);
    if (pc) {
      console.log(
        `  ${pc.patches} real patches at one a second in ${pc.seconds} s: main thread ${f1(pc.perPatchMs)} ms a patch in all, ` +
          `${f1(pc.idleMsPerS)} ms a second without patches (${pc.longTasksIdle} long tasks then)`,
      );
      figure(
        `main-thread time per patch at ${pc.throttle}× (net of the window without patches)`,
        `${f1(pc.perPatchNetMs)} ms`,
        `${f1(pc.perPatchMs)} ms in all`,
        pc.perPatchNetMs <= 16,
        "≤ 16 ms",
      );
      figure(
        "long tasks (> 50 ms) with a patch a second",
        `${pc.longTasks} (longest ${f1(pc.longestTaskMs)} ms)`,
        "",
        pc.longTasks === 0,
        "0",
      );
      const h = pc.heap;
      console.log(
        `  heap: ${h.patches} patches from replay-server.ts (the collector's hello, snapshot and tiles), unthrottled, in ${f1(h.seconds)} s; ${h.resyncs} resyncs`,
      );
      figure(
        `page heap after ${h.patches} patches`,
        `${mib(h.start)} → ${mib(h.end)} MiB (+${mib(h.end - h.start)}), DOM ${h.nodesEnd - h.nodesStart} nodes more`,
        "",
        h.end - h.start < 4 << 20 && h.nodesEnd - h.nodesStart < 200 && h.resyncs === 0,
        "< 4 MiB, < 200 nodes, 0 resyncs",
      );
    }
  }
}
