#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 MALLOC_MMAP_THRESHOLD_=32768 node --max-semi-space-size=1 --single-threaded-gc --v8-pool-size=1 --interrupt-budget=540672
// The flags: a 1 MiB young generation (the collector allocates little per second, so scavenges stay cheap, and its
// idle RSS drops by ~10 MB); garbage collection on the main thread, without GC helper threads (an idle collector
// can spare the main thread; ~5 MB less idle RSS); and one V8 helper thread, so that optimising compiles of hot
// code do not stop the event loop (under --single-threaded one compile stalled a big board's fan-out for 45 ms;
// npm run bench measures all of it, BENCHMARKS.md); and an 8× interrupt budget (default 67584), so V8 optimises
// only code that runs often: a collector's poll and webhook path runs a few times a second through thousands of
// functions, and with the default budget TurboFan kept compiling and deoptimising them for good (0.3–1.2 ms of the
// helper thread's CPU per nudged poll, still after 1,000 nudges; 0.03 ms with it). The fan-out's CPU per message
// stayed ×0.75 of bare ws either way (bench, same machine: nudged poll 3.96 → 3.30 ms, 500 tiles 6.7 → 4.9 % of a
// core). The glibc settings: V8 mallocs ~40 MB while it compiles the
// collector at start and frees it; with fixed trim/mmap thresholds and two arenas that memory goes back to the
// system instead of staying resident (~5 MB less idle RSS). The mmap threshold is 32 KiB so that the helper
// thread's compile blocks are mapped and handed back whole when freed (from the heap they left 3–6 MB resident:
// idle RSS 74.5–79.6 against 73.6–76.4 MB); each 64 KiB socket read buffer is then mapped too, which moved none
// of the bench's CPU figures beyond their run-to-run spread.
// `npm start` runs this file; deploy/radiator.service sets the same.
//
// Runs the compiled collector (dist/collector, made by `npm run build`) in this one process, so the PID is the
// server's. An installed package has only that. In a checkout, when dist is missing or older than collector/, or
// with RADIATOR_FROM_SOURCE=1 (the test suite sets it), it runs the TypeScript sources through tsx instead, so a
// checkout never runs stale code; tsx is a dev dependency and a production install never loads it.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/collector/main.js", import.meta.url);
const sources = fileURLToPath(new URL("../collector/", import.meta.url));

function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = `${dir}/${e.name}`;
    return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
}

const checkout = existsSync(sources);
const fromSource =
  process.env.RADIATOR_FROM_SOURCE === "1" ||
  (checkout && (!existsSync(built) || statSync(built).mtimeMs < newest(sources)));
let entry = built;
if (fromSource) {
  try {
    const { register } = await import("tsx/esm/api");
    register();
  } catch {
    process.stderr.write("radiator: the collector is not built (or older than its sources): run `npm run build`\n");
    process.exit(1);
  }
  entry = new URL("../collector/main.ts", import.meta.url);
} else if (!existsSync(built)) {
  process.stderr.write("radiator: the collector is not built (dist/collector is missing): run `npm run build`\n");
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
