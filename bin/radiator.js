#!/usr/bin/env -S node --max-semi-space-size=1
// The flag: a 1 MiB young generation. The collector allocates little per second, so scavenges stay cheap, and its
// idle RSS drops by ~10 MB (npm run bench measures it). `npm start` and deploy/radiator.service pass it as well.
// Runs the compiled collector (dist/collector, made by `npm run build`) in this one process, so the PID is the
// server's. RADIATOR_FROM_SOURCE=1 runs the TypeScript sources through tsx instead: the test suite sets it, so a
// test never runs a stale build. tsx is a dev dependency; a production install never loads it.
import { existsSync } from "node:fs";

let entry = new URL("../dist/collector/main.js", import.meta.url);
if (process.env.RADIATOR_FROM_SOURCE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  entry = new URL("../collector/main.ts", import.meta.url);
} else if (!existsSync(entry)) {
  process.stderr.write("radiator: the collector is not built (dist/collector is missing): run `npm run build`\n");
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
