import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Registry } from "prom-client";
import type Database from "better-sqlite3";
import { MemoryHistory } from "../../../collector/history/memory.ts";
import { SqliteHistory } from "../../../collector/history/sqlite.ts";
import { openHistory } from "../../../collector/history/open.ts";
import type { HistoryBackend } from "../../../collector/history/types.ts";
import { Store } from "../../../collector/store.ts";
import { planFrom } from "../../../collector/plan.ts";
import { parseConfig } from "../../../collector/config/load.ts";
import { buildConfig, buildFields, buildTile } from "../../helpers/builders.ts";

const DAY = 86_400_000,
  HOUR = 3_600_000;
const NOW = Date.parse("2026-12-01T12:00:00Z");
const open: HistoryBackend[] = [];
afterEach(() => open.splice(0).forEach((b) => b.close()));

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), "radiator-hist-")), "radiator.sqlite");
}

const backends: [string, () => HistoryBackend][] = [
  ["memory", () => new MemoryHistory()],
  ["sqlite", () => new SqliteHistory(tempFile())],
];

describe.each(backends)("%s history", (_name, make) => {
  it("keeps entries and events in order and the last state of each tile", () => {
    const h = make();
    open.push(h);
    h.addEntry("a", { t: 1, status: "fail", value: 3 }, true);
    h.addEntry("a", { t: 2, status: "fail", value: 4 }, false);
    h.addEntry("b", { t: 2, status: "ok" }, true);
    h.addEvent({ tile: "a", t: 5, type: "claim", by: "Alice", note: "n", ms: 4 });
    h.addEvent({ tile: "b", t: 6, type: "release", by: "Bob" });
    h.saveTile(buildTile({ id: "a", status: "fail" }));
    h.saveTile(buildTile({ id: "a", status: "ok" }));
    expect(h.entries("a", 0)).toEqual([
      { t: 1, status: "fail", value: 3 },
      { t: 2, status: "fail", value: 4 },
    ]);
    expect(h.entries("a", 0, 1)).toEqual([{ t: 2, status: "fail", value: 4 }]);
    expect(h.entries("a", 2)).toEqual([{ t: 2, status: "fail", value: 4 }]);
    expect(h.events("a", 0)).toEqual([{ tile: "a", t: 5, type: "claim", by: "Alice", note: "n", ms: 4 }]);
    expect(h.events(null, 6).map((e) => e.tile)).toEqual(["b"]);
    expect([...h.loadTiles().values()].map((t) => [t.id, t.status])).toEqual([["a", "ok"]]);
  });

  it("prune() drops what is past retention and thins week-old values to one an hour; status changes stay", () => {
    const h = make();
    open.push(h);
    const base = Math.floor((NOW - 10 * DAY) / HOUR) * HOUR;
    h.addEntry("a", { t: NOW - 100 * DAY, status: "fail" }, true);
    h.addEntry("a", { t: base, status: "ok", value: 1 }, true);
    for (let i = 1; i <= 5; i++) h.addEntry("a", { t: base + i * 10 * 60_000, status: "ok", value: i }, false);
    h.addEntry("a", { t: base + 45 * 60_000, status: "fail", value: 9 }, true);
    h.addEntry("a", { t: base + 65 * 60_000, status: "fail", value: 8 }, false);
    h.addEntry("a", { t: NOW - HOUR, status: "ok", value: 2 }, true);
    h.addEntry("a", { t: NOW - HOUR + 1, status: "ok", value: 3 }, false);
    h.addEvent({ tile: "a", t: NOW - 91 * DAY, type: "claim", by: "x" });
    h.addEvent({ tile: "a", t: NOW - DAY, type: "claim", by: "y" });
    h.prune(NOW, 90 * DAY);
    // first hour: the changes at +0 and +45 min and the first plain value (+10 min) stay; next hour: its first value
    expect(h.entries("a", 0).map((e) => (e.t - base) / 60_000)).toEqual([
      0,
      10,
      45,
      65,
      (NOW - HOUR - base) / 60_000,
      (NOW - HOUR + 1 - base) / 60_000,
    ]);
    expect(h.events(null, 0).map((e) => e.by)).toEqual(["y"]);
  });
});

describe("SQLite history across a restart", () => {
  it("a store on a reopened file takes back since, series, claim and timeline", () => {
    const file = tempFile();
    const plan = planFrom(parseConfig(JSON.stringify(buildConfig([{ id: "api", every: "1h" }])), "t.json", {}).config);
    let now = NOW;
    const first = new Store(() => now, 0, new SqliteHistory(file));
    first.setPlans(plan.tiles);
    first.applyFields(
      "api",
      buildFields({ status: "fail", since: new Date(NOW - 3 * HOUR).toISOString(), series: [{ t: 1, v: 2 }] }),
    );
    first.claim("api", "Alice", "rolling back");
    first.historyBackend.close();
    now += 60_000;
    const second = new Store(() => now, 0, new SqliteHistory(file));
    open.push(second.historyBackend);
    second.setPlans(plan.tiles);
    const tile = second.get("api")!;
    expect([tile.status, tile.since, tile.series, tile.claim?.by]).toEqual([
      "fail",
      new Date(NOW - 3 * HOUR).toISOString(),
      [{ t: 1, v: 2 }],
      "Alice",
    ]);
    expect(second.historyOf("api")).toEqual([{ t: NOW - 3 * HOUR, status: "fail" }]);
    second.applyFields("api", buildFields({ status: "fail" }));
    expect(second.get("api")!.since).toBe(new Date(NOW - 3 * HOUR).toISOString());
    expect(second.historyOf("api")).toEqual([{ t: NOW - 3 * HOUR, status: "fail" }]);
  });

  it("openHistory() on a corrupt file falls back to memory, says so once and sets the gauge to 0", async () => {
    const file = tempFile();
    writeFileSync(file, "garbage ".repeat(500));
    const registry = new Registry();
    const said: string[] = [];
    const h = openHistory(join(file, ".."), { registry, onFailure: (t) => said.push(t) });
    open.push(h);
    expect(h.persistent).toBe(false);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/radiator\.sqlite is not a readable database \(SQLITE_NOTADB\)$/);
    expect((await registry.getSingleMetric("radiator_history_persistent")!.get()).values[0]!.value).toBe(0);
  });

  it("a database that runs out of room (SQLite's own SQLITE_FULL) says 'the disk is full' and goes on in memory", () => {
    const dir = mkdtempSync(join(tmpdir(), "radiator-hist-"));
    const said: string[] = [];
    const h = openHistory(dir, { registry: new Registry(), onFailure: (t) => said.push(t) });
    open.push(h);
    // the file may not grow past its current pages: SQLite answers exactly as on a full disk
    const db = (h as unknown as { db: { db: Database.Database } }).db.db;
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true }) as number}`);
    const note = "x".repeat(4000);
    let t = 0;
    while (h.persistent && t < 200) h.addEvent({ tile: "a", t: ++t, type: "claim", by: "alice", note });
    expect(h.persistent).toBe(false);
    expect(said).toEqual(["history is kept in memory only from now on (lost on restart): the disk is full"]);
    h.addEvent({ tile: "a", t: ++t, type: "release", by: "alice" });
    // the write that hit the limit and the ones after it are kept (in memory)
    expect(h.events("a", 0).map((e) => e.type)).toEqual(["claim", "release"]);
  });

  it("a write that fails later (disk full, file gone bad) switches to memory once and keeps going", () => {
    const dir = mkdtempSync(join(tmpdir(), "radiator-hist-"));
    const said: string[] = [];
    const h = openHistory(dir, { registry: new Registry(), onFailure: (t) => said.push(t) });
    open.push(h);
    expect(h.persistent).toBe(true);
    h.addEntry("a", { t: 1, status: "ok" }, true);
    // break the connection under it: every later statement throws, as on a full disk
    (h as unknown as { db: SqliteHistory }).db.close();
    h.addEntry("a", { t: 2, status: "fail" }, true);
    h.addEntry("a", { t: 3, status: "ok" }, true);
    expect(h.persistent).toBe(false);
    expect(said).toEqual([
      "history is kept in memory only from now on (lost on restart): The database connection is not open",
    ]);
    // the write that failed is kept in memory, not lost
    expect(h.entries("a", 0)).toEqual([
      { t: 2, status: "fail" },
      { t: 3, status: "ok" },
    ]);
  });
});
