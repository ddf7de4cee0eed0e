/**
 * `npm run bench` (issue 12): the collector as a real process against a bare `ws` broadcast of
 * the same bytes in the same run, each figure with its baseline, ratio and budget; exit 1 when a
 * budget fails. Not part of `npm test`: timing on a shared machine is not a test. A few minutes.
 * BENCH_SCREENS / BENCH_ROUNDS shrink it for a quick look; BENCH_ONLY=cluster,steady runs only those
 * sections (fanout, steady, loop, stall, polling, page-cpu, cluster, page, memory; default all).
 */
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { fanout } from "./fanout.ts";
import { steady } from "./steady.ts";
import { loadAverage, median, percentile } from "./proc.ts";
import { pageMemory } from "./page-memory.ts";
import { collectorMemory } from "./collector-memory.ts";
import { clusterSection } from "./cluster-report.ts";
import { underLoad } from "./under-load.ts";

const failures: string[] = [];
function figure(name: string, value: string, baseline: string, ok: boolean, budget: string): void {
  console.log(
    `${ok ? "  ok " : "FAIL "} ${name}: ${value}${baseline ? ` (baseline ${baseline})` : ""} — budget ${budget}`,
  );
  if (!ok) failures.push(name);
}
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const sections = process.env.BENCH_ONLY?.split(",").map((x) => x.trim());
const only = (name: string) => !sections || sections.includes(name);

if (!process.env.BENCH_NO_BUILD) execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "ignore" });
const screens = Number(process.env.BENCH_SCREENS ?? 1000);
const perRound = Number(process.env.BENCH_ROUNDS ?? 70);
console.log(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? "?"} · node ${process.version}`);
console.log(`load average before: ${loadAverage()}`);

if (only("fanout")) {
  console.log(`\nFan-out: collector vs bare ws, ${screens} screens each (separate process), rounds A B A B A B`);
  const f = await fanout(screens, perRound, 3);
  const ratios = f.rounds.map((r) => r.a / r.b);
  const fanoutRatios = f.rounds.map((r) => r.aFanout / r.b);
  for (const [i, r] of f.rounds.entries())
    console.log(
      `  pair ${i + 1}: collector ${f1(r.a)} µs/msg (fan-out alone ${f1(r.aFanout)}), bare ${f1(r.b)} µs/msg → ×${f2(r.a / r.b)}`,
    );
  console.log(`  A/A noise (bare round ÷ the bare round before): ${f.noise.map((x) => `×${f2(x)}`).join(", ")}`);
  console.log(`  patch size ${f.patchBytes} B`);
  const bMed = median(f.rounds.map((r) => r.b));
  figure(
    "collector CPU per delivered message, incl. the poll",
    `×${f2(median(ratios))} of bare ws (${f1(median(f.rounds.map((r) => r.a)))} µs)`,
    `${f1(bMed)} µs`,
    median(ratios) <= 1.15,
    "≤ ×1.15",
  );
  figure(
    "the fan-out alone (poll cost subtracted)",
    `×${f2(median(fanoutRatios))}`,
    `${f1(bMed)} µs`,
    median(fanoutRatios) <= 1.0,
    "≤ ×1.00",
  );
  figure(
    "CPU to turn one webhook-nudged poll into a patch",
    `${f2(f.nudgeMs)} ms, ×${f2(f.nudgeMs / f.floorMs)} of the floor`,
    `bare node:http webhook → GET → JSON ${f2(f.floorMs)} ms (${f2(f.floorHotMs)} ms back to back)`,
    f.nudgeMs <= 2,
    "≤ 2 ms",
  );
  const p50 = percentile(f.latencies, 50);
  const p99 = percentile(f.latencies, 99);
  figure(
    `webhook POST → last of ${screens} screens has the patch (${f.latencies.length} rounds)`,
    `p50 ${f1(p50)} ms, p99 ${f1(p99)} ms (the first screen: p50 ${f1(percentile(f.firstLatencies, 50))} ms)`,
    `bare ws POST → its last screen p50 ${f1(percentile(f.bareLatencies, 50))}, p99 ${f1(percentile(f.bareLatencies, 99))} ms`,
    p50 <= 30 && p99 <= 80,
    "p50 ≤ 30 ms, p99 ≤ 80 ms",
  );
  figure("idle collector CPU, no screens", `${f2(f.idleMsPerS)} ms/s`, "", f.idleMsPerS <= 1, "≤ 1 ms/s");
  const memRatio = f.memPerScreen.collector / f.memPerScreen.bare;
  figure(
    "memory per idle screen (RSS growth ÷ screens)",
    `${f1(f.memPerScreen.collector / 1024)} KB, ×${f2(memRatio)}`,
    `bare ws ${f1(f.memPerScreen.bare / 1024)} KB`,
    memRatio <= 1.3,
    "≤ ×1.3",
  );
  figure(
    "serialisations per patch per board",
    f2(f.patchSerialisationsPerPatch),
    "",
    f.patchSerialisationsPerPatch === 1,
    "1.00",
  );
  figure(
    `hello serialisations for ${screens} connecting screens`,
    String(f.helloSerialisations),
    "",
    f.helloSerialisations <= 1,
    "≤ 1 (once per config)",
  );
}

if (only("steady")) {
  console.log("\nSteady state: 100 tiles every 5 s, upstream unchanged (304s)");
  const s = steady(100, Number(process.env.BENCH_WINDOW ?? 30));
  const st = await s;
  figure(
    "bytes per screen per minute, 1 screen",
    `${f1(st.bytesPerScreenPerMin.one / 1024)} KB`,
    "",
    st.bytesPerScreenPerMin.one <= 2048,
    "≤ 2 KB",
  );
  figure(
    "bytes per screen per minute, 500 screens",
    `${f1(st.bytesPerScreenPerMin.many / 1024)} KB`,
    "",
    st.bytesPerScreenPerMin.many <= 2048,
    "≤ 2 KB",
  );
  const upRatio = st.requests.many / st.requests.one;
  figure(
    "upstream requests, 500 screens ÷ 1 screen",
    `×${f2(upRatio)} (${st.requests.many} vs ${st.requests.one} in ${st.windowS} s)`,
    "",
    upRatio <= 1.05,
    "×1.00 (± 5 % poll jitter)",
  );
  figure(
    "upstream answers 304 in steady state",
    `${f1(st.notModifiedShare * 100)} %`,
    "",
    st.notModifiedShare >= 0.95,
    "≥ 95 %",
  );
}

// loop, stall, polling, page-cpu (issue 12: the collector's event loop, a stalled screen, a big board, the page)
await underLoad(figure, only);

if (only("cluster")) {
  console.log(
    `\nCluster: 3 replicas on Debian's redis-server, ${screens} screens each, vs one collector, rounds S C S C S C`,
  );
  await clusterSection(figure, screens, perRound);
}

if (only("page")) {
  console.log("\nThe page in Chromium (web/dist, a fast stream of patches)");
  const mem = await pageMemory(20);
  if (mem) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(`  ${mem.patches} patches in ${mem.seconds} s; JS heap ${mb(mem.heapStart)} → ${mb(mem.heapEnd)} MiB`);
    figure(
      "page heap stays flat",
      `+${mb(mem.heapEnd - mem.heapStart)} MiB`,
      "",
      mem.heapEnd - mem.heapStart < 4 << 20,
      "< 4 MiB",
    );
    figure(
      "page DOM stays flat",
      `${mem.nodesEnd - mem.nodesStart} nodes more`,
      "",
      mem.nodesEnd - mem.nodesStart < 200,
      "< 200",
    );
  }
}

if (only("memory")) {
  const rss = await collectorMemory();
  figure(
    "collector idle RSS (demo board)",
    `${(rss.rssBytes / 1e6).toFixed(1)} MB (${(rss.rssBytes / 1048576).toFixed(1)} MiB)`,
    "",
    rss.rssBytes <= 80e6,
    "≤ 80 MB (76.3 MiB)",
  );
}

console.log(`\nload average after: ${loadAverage()}`);
console.log(failures.length ? `\n${failures.length} budget(s) exceeded: ${failures.join("; ")}` : "\nall budgets met");
process.exit(failures.length ? 1 : 0);
