/**
 * Opens the history in the data directory, or falls back to memory. Any
 * failure (a directory that cannot be made, a corrupt file, a full disk)
 * switches to memory for good, logs once, tells the screens and sets
 * `radiator_history_persistent` to 0: the collector never stops serving for it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Counter, Gauge, type Registry } from "prom-client";
import type { HistoryEntry, Tile, TileEvent } from "../contract.ts";
import { log } from "../log.ts";
import { MemoryHistory } from "./memory.ts";
import { SqliteHistory } from "./sqlite.ts";
import type { HistoryBackend } from "./types.ts";

export interface OpenOptions {
  registry: Registry;
  /** Called once, with the text for the screens, when history falls back to memory. */
  onFailure: (text: string) => void;
}

export const DB_FILE = "radiator.sqlite";

function metric<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function openHistory(dir: string | undefined, opts: OpenOptions): HistoryBackend {
  const persistent = metric(
    opts.registry,
    "radiator_history_persistent",
    () =>
      new Gauge({
        name: "radiator_history_persistent",
        registers: [opts.registry],
        help: "1 while history is written to the data directory; 0 when it is kept in memory only (lost on restart).",
      }),
  );
  const failures = metric(
    opts.registry,
    "radiator_history_failures_total",
    () =>
      new Counter({
        name: "radiator_history_failures_total",
        registers: [opts.registry],
        help: "Times the history store failed and fell back to memory.",
      }),
  );
  const fail = (text: string) => {
    persistent.set(0);
    failures.inc();
    log("warn", text);
    opts.onFailure(text);
  };
  if (dir === undefined) {
    persistent.set(0);
    return new MemoryHistory();
  }
  try {
    mkdirSync(dir, { recursive: true });
    const db = new SqliteHistory(join(dir, DB_FILE));
    persistent.set(1);
    return new FailoverHistory(db, fail);
  } catch (err) {
    fail(`history is kept in memory only (lost on restart): cannot use ${dir}: ${reason(err)}`);
    return new MemoryHistory();
  }
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === "SQLITE_NOTADB" || e.code === "SQLITE_CORRUPT")
    return `${DB_FILE} is not a readable database (${e.code})`;
  if (e.code === "SQLITE_FULL" || e.code === "ENOSPC") return "the disk is full";
  return e.code ? `${e.code}: ${e.message}` : String(e.message ?? err);
}

/** SQLite until it throws once, then memory for the rest of the run. */
class FailoverHistory implements HistoryBackend {
  private memory: MemoryHistory | undefined;

  constructor(
    private readonly db: SqliteHistory,
    private readonly fail: (text: string) => void,
  ) {}

  get persistent(): boolean {
    return !this.memory;
  }

  private run<T>(op: (b: HistoryBackend) => T): T {
    if (!this.memory) {
      try {
        return op(this.db);
      } catch (err) {
        this.memory = new MemoryHistory();
        try {
          this.db.close();
        } catch {
          /* already broken */
        }
        this.fail(`history is kept in memory only from now on (lost on restart): ${reason(err)}`);
      }
    }
    return op(this.memory);
  }

  loadTiles(): Map<string, Tile> {
    return this.run((b) => b.loadTiles());
  }
  saveTile(tile: Tile): void {
    this.run((b) => b.saveTile(tile));
  }
  addEntry(tile: string, entry: HistoryEntry, change: boolean): void {
    this.run((b) => b.addEntry(tile, entry, change));
  }
  addEvent(event: TileEvent): void {
    this.run((b) => b.addEvent(event));
  }
  entries(tile: string, from: number, limit?: number): HistoryEntry[] {
    return this.run((b) => b.entries(tile, from, limit));
  }
  changes(tile: string): HistoryEntry[] {
    return this.run((b) => b.changes(tile));
  }
  events(tile: string | null, from: number): TileEvent[] {
    return this.run((b) => b.events(tile, from));
  }
  prune(now: number, retentionMs: number): void {
    this.run((b) => b.prune(now, retentionMs));
  }
  close(): void {
    if (!this.memory) this.db.close();
  }
}
