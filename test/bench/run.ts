/**
 * `npm run bench`: figures and ratios, with budgets asserted. Not part of
 * `npm test` — timing on a shared 2-core machine is not a test.
 */
import { fanout } from "./fanout.ts";
import { serialiseCost } from "./serialise.ts";
import { pageMemory } from "./page-memory.ts";
import { collectorMemory } from "./collector-memory.ts";

process.env.RADIATOR_LOG_LEVEL ??= "error";
const failures: string[] = [];
function budget(name: string, ok: boolean, detail: string): void {
  console.log(`${ok ? "  ok " : "FAIL "} ${name}: ${detail}`);
  if (!ok) failures.push(name);
}

console.log("Fan-out (in-process collector, real WebSocket clients on 127.0.0.1, 6 s each)");
const few = await fanout(10, 20, 6);
const many = await fanout(200, 20, 6);
const moreTiles = await fanout(10, 40, 6);
for (const r of [few, many, moreTiles]) {
  console.log(
    `  ${String(r.screens).padStart(4)} screens, ${r.tiles} tiles: ${r.polls} polls, ${r.serialisations} serialisations, ${r.messagesReceived} messages / ${(r.bytesReceived / 1024).toFixed(0)} KiB received`,
  );
}
const pollRatioScreens = many.polls / few.polls;
const serRatioScreens = many.serialisations / few.serialisations;
const pollRatioTiles = moreTiles.polls / few.polls;
budget(
  "polls do not grow with screens",
  pollRatioScreens < 1.25,
  `200 vs 10 screens → ×${pollRatioScreens.toFixed(2)} polls (budget < 1.25)`,
);
budget(
  "serialisations do not grow with screens",
  serRatioScreens < 1.25,
  `200 vs 10 screens → ×${serRatioScreens.toFixed(2)} serialisations (budget < 1.25)`,
);
budget(
  "polls grow with tiles",
  pollRatioTiles > 1.6 && pollRatioTiles < 2.5,
  `40 vs 20 tiles → ×${pollRatioTiles.toFixed(2)} polls (expected ≈ 2)`,
);
const perScreen = many.messagesReceived / many.screens / (few.messagesReceived / few.screens);
budget(
  "every screen still gets every message",
  perScreen > 0.8,
  `messages per screen 200 vs 10 screens → ×${perScreen.toFixed(2)}`,
);

console.log("\nSerialisation (a 40-tile snapshot with series and items)");
const cost = serialiseCost();
console.log(`  ${cost.bytes} bytes, ${cost.microseconds.toFixed(0)} µs per serialisation`);
budget(
  "snapshot serialisation is cheap",
  cost.microseconds < 2000,
  `${cost.microseconds.toFixed(0)} µs (budget < 2000 µs)`,
);

console.log("\nPage memory in Chromium (web/dist, fast patches)");
const mem = await pageMemory();
if (mem) {
  console.log(
    `  ${mem.patches} patches in ${mem.seconds} s; JS heap ${mb(mem.heapStart)} → ${mb(mem.heapEnd)} MiB; DOM nodes ${mem.nodesStart} → ${mem.nodesEnd}`,
  );
  budget(
    "page heap stays flat",
    mem.heapEnd - mem.heapStart < 4 * 1024 * 1024,
    `+${mb(mem.heapEnd - mem.heapStart)} MiB after ${mem.patches} patches (budget < 4 MiB)`,
  );
  budget(
    "page DOM stays flat",
    mem.nodesEnd - mem.nodesStart < 200,
    `${mem.nodesEnd - mem.nodesStart} more DOM nodes (budget < 200)`,
  );
  budget(
    "TV bundle is light",
    mem.bundleGzip < 40 * 1024,
    `${(mem.bundleGzip / 1024).toFixed(1)} KiB gz without the lazy chart chunk (budget < 40 KiB)`,
  );
}

console.log("\nCollector memory (compiled build, demo board, own process, idle)");
const rss = await collectorMemory();
console.log(
  `  VmRSS median ${mb(rss.rssBytes)} MiB (${(rss.rssBytes / 1e6).toFixed(1)} MB), max ${mb(rss.maxBytes)} MiB, over ${rss.idleSeconds} s idle`,
);
budget("collector stays small", rss.rssBytes <= 80 * 1024 * 1024, `${mb(rss.rssBytes)} MiB RSS (budget ≤ 80 MiB)`);

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}

console.log(failures.length ? `\n${failures.length} budget(s) exceeded: ${failures.join("; ")}` : "\nall budgets met");
process.exit(failures.length ? 1 : 0);
