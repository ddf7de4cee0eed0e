/**
 * Loaded into the collector with `node --import` by the bench (no product code changes): it measures the
 * event loop's delay at a 1 ms resolution (perf_hooks.monitorEventLoopDelay) and its utilisation, and on
 * SIGUSR2 writes them since the last SIGUSR2 to the file named by BENCH_LOOP_PROBE, then starts afresh.
 * The signal is handled on the event loop like any other callback, so it costs the collector nothing between.
 * A sample is the time between two ticks of a 1 ms timer, so an idle loop reads ~1.1 ms; a stall of N ms is one
 * sample of ~N ms (which is why a stall a second is < 1 % of the samples: `over20` counts them).
 * On a shared machine a stall is also time the process waited for a CPU, so a 1 ms JS interval also reads the
 * process's CPU time at each tick: a stall's CPU time (at most its length) is the part the process was busy
 * (`busyMax`, `busyOver20`); the rest it was runnable but not running.
 * Those two 1 ms timers wake the process ~2,000 times a second, which costs it CPU (~2 % of a core here), so a
 * window that measures the collector's CPU turns the probe off: if the file `${BENCH_LOOP_PROBE}.mode` says
 * `off` at a SIGUSR2, the probe stops its timers after the report until a SIGUSR2 finds `on` there.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const out = process.env.BENCH_LOOP_PROBE;
if (out) {
  const h = monitorEventLoopDelay({ resolution: Number(process.env.BENCH_LOOP_RESOLUTION ?? 1) });
  h.enable();
  let elu = performance.eventLoopUtilization();
  let seq = 0;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let busy = { max: 0, over20: 0 };
  let last = { t: performance.now(), cpu: cpuMs() };
  const tick = () => {
    const now = { t: performance.now(), cpu: cpuMs() };
    const gap = now.t - last.t;
    if (gap > 5) {
      const used = Math.min(gap, now.cpu - last.cpu);
      busy.max = Math.max(busy.max, used);
      if (used > 20) busy.over20++;
    }
    last = now;
  };
  let ticker = setInterval(tick, 1).unref();
  // samples over `ns`: the percentile where the histogram crosses it, found by halving
  const above = (ns) => {
    if (h.max <= ns) return 0;
    let lo = 0;
    let hi = 100;
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (h.percentile(mid) > ns) hi = mid;
      else lo = mid;
    }
    return Math.max(1, Math.round((h.count * (100 - hi)) / 100));
  };
  process.on("SIGUSR2", () => {
    const ms = (ns) => ns / 1e6;
    const report = {
      seq: ++seq,
      count: h.count,
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      over20: above(20e6),
      busyMax: busy.max,
      busyOver20: busy.over20,
      utilisation: performance.eventLoopUtilization(elu).utilization,
    };
    writeFileSync(`${out}.tmp`, JSON.stringify(report));
    renameSync(`${out}.tmp`, out);
    h.reset();
    busy = { max: 0, over20: 0 };
    elu = performance.eventLoopUtilization();
    const mode = existsSync(`${out}.mode`) ? readFileSync(`${out}.mode`, "utf8").trim() : "on";
    if (mode === "off" && ticker) {
      h.disable();
      clearInterval(ticker);
      ticker = undefined;
    } else if (mode === "on" && !ticker) {
      h.enable();
      last = { t: performance.now(), cpu: cpuMs() };
      ticker = setInterval(tick, 1).unref();
    }
  });
}
