/**
 * Loaded into the collector with `node --import` by the bench (no product code changes): it measures the
 * event loop's delay at a 1 ms resolution (perf_hooks.monitorEventLoopDelay) and its utilisation, and on
 * SIGUSR2 writes them since the last SIGUSR2 to the file named by BENCH_LOOP_PROBE, then starts afresh.
 * The signal is handled on the event loop like any other callback, so it costs the collector nothing between.
 */
import { renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const out = process.env.BENCH_LOOP_PROBE;
if (out) {
  const h = monitorEventLoopDelay({ resolution: Number(process.env.BENCH_LOOP_RESOLUTION ?? 1) });
  h.enable();
  let elu = performance.eventLoopUtilization();
  let seq = 0;
  process.on("SIGUSR2", () => {
    const ms = (ns) => ns / 1e6;
    const report = {
      seq: ++seq,
      count: h.count,
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      utilisation: performance.eventLoopUtilization(elu).utilization,
    };
    writeFileSync(`${out}.tmp`, JSON.stringify(report));
    renameSync(`${out}.tmp`, out);
    h.reset();
    elu = performance.eventLoopUtilization();
  });
}
