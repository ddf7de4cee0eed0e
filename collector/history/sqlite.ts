/** The history in one SQLite file (better-sqlite3: synchronous, so the store's order is the file's order). */
import Database from "better-sqlite3";
import type { HistoryEntry, Status, Tile, TileEvent } from "../contract.ts";
import { COMPACT_AFTER_MS, type HistoryBackend } from "./types.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tiles (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (tile TEXT NOT NULL, t INTEGER NOT NULL, status TEXT NOT NULL, value REAL, change INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entries_tile_t ON entries (tile, t);
CREATE TABLE IF NOT EXISTS events (tile TEXT NOT NULL, t INTEGER NOT NULL, type TEXT NOT NULL, by TEXT, note TEXT, ms INTEGER);
CREATE INDEX IF NOT EXISTS events_t ON events (t);
`;

/** Columns added after the first release: a file made before them gains them on open. */
const EVENT_COLUMNS = ["version", "environment", "status", "url"] as const;

interface EntryRow {
  t: number;
  status: Status;
  value: number | null;
}
interface EventRow {
  tile: string;
  t: number;
  type: TileEvent["type"];
  by: string | null;
  note: string | null;
  ms: number | null;
  version: string | null;
  environment: string | null;
  status: TileEvent["status"] | null;
  url: string | null;
}

export class SqliteHistory implements HistoryBackend {
  readonly persistent = true;
  private readonly db: Database.Database;
  private readonly stmt;

  /** Throws on a file that is not a database, a directory it cannot write, a full disk. */
  constructor(file: string) {
    this.db = new Database(file);
    try {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.exec(SCHEMA);
      const have = new Set(
        this.db
          .prepare<[], { name: string }>("PRAGMA table_info(events)")
          .all()
          .map((c) => c.name),
      );
      for (const col of EVENT_COLUMNS) if (!have.has(col)) this.db.exec(`ALTER TABLE events ADD COLUMN ${col} TEXT`);
      // a read of every table, so a damaged file is found now and not at the first write
      this.db.prepare("SELECT count(*) FROM entries").get();
      this.db.prepare("SELECT count(*) FROM events").get();
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.stmt = {
      tiles: this.db.prepare<[], { json: string }>("SELECT json FROM tiles"),
      saveTile: this.db.prepare(
        "INSERT INTO tiles (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
      ),
      addEntry: this.db.prepare("INSERT INTO entries (tile, t, status, value, change) VALUES (?, ?, ?, ?, ?)"),
      addEvent: this.db.prepare(
        "INSERT INTO events (tile, t, type, by, note, ms, version, environment, status, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      entries: this.db.prepare<[string, number, number], EntryRow>(
        "SELECT t, status, value FROM (SELECT rowid AS r, t, status, value FROM entries WHERE tile = ? AND t >= ? ORDER BY t DESC, rowid DESC LIMIT ?) ORDER BY t, r",
      ),
      changes: this.db.prepare<[string], EntryRow>(
        "SELECT t, status, value FROM entries WHERE tile = ? AND change = 1 ORDER BY t, rowid",
      ),
      events: this.db.prepare<[number], EventRow>(
        "SELECT tile, t, type, by, note, ms, version, environment, status, url FROM events WHERE t >= ? ORDER BY t, rowid",
      ),
      tileEvents: this.db.prepare<[string, number], EventRow>(
        "SELECT tile, t, type, by, note, ms, version, environment, status, url FROM events WHERE tile = ? AND t >= ? ORDER BY t, rowid",
      ),
      dropEntries: this.db.prepare("DELETE FROM entries WHERE t < ?"),
      dropEvents: this.db.prepare("DELETE FROM events WHERE t < ?"),
      // values older than a week: the first of each hour per tile stays; status changes always stay
      compact: this.db.prepare(`DELETE FROM entries WHERE change = 0 AND t < ? AND rowid NOT IN
        (SELECT min(rowid) FROM entries WHERE change = 0 AND t < ? GROUP BY tile, t / 3600000)`),
    };
  }

  loadTiles(): Map<string, Tile> {
    const out = new Map<string, Tile>();
    for (const { json } of this.stmt.tiles.all()) {
      try {
        const tile = JSON.parse(json) as Tile;
        out.set(tile.id, tile);
      } catch {
        // one unreadable row costs that tile its memory, not the start
      }
    }
    return out;
  }

  saveTile(tile: Tile): void {
    this.stmt.saveTile.run(tile.id, JSON.stringify(tile));
  }

  addEntry(tile: string, entry: HistoryEntry, change: boolean): void {
    this.stmt.addEntry.run(tile, entry.t, entry.status, entry.value ?? null, change ? 1 : 0);
  }

  addEvent(e: TileEvent): void {
    const { tile, t, type, by, note, ms, version, environment, status, url } = e;
    this.stmt.addEvent.run(...[tile, t, type, by, note, ms, version, environment, status, url].map((v) => v ?? null));
  }

  entries(tile: string, from: number, limit = 1_000_000): HistoryEntry[] {
    return this.stmt.entries
      .all(tile, from, limit)
      .map((r) => (r.value === null ? { t: r.t, status: r.status } : { t: r.t, status: r.status, value: r.value }));
  }

  changes(tile: string): HistoryEntry[] {
    return this.stmt.changes
      .all(tile)
      .map((r) => (r.value === null ? { t: r.t, status: r.status } : { t: r.t, status: r.status, value: r.value }));
  }

  events(tile: string | null, from: number): TileEvent[] {
    const rows = tile === null ? this.stmt.events.all(from) : this.stmt.tileEvents.all(tile, from);
    return rows.map((r) => {
      const e: TileEvent = { tile: r.tile, t: r.t, type: r.type };
      if (r.by !== null) e.by = r.by;
      if (r.note !== null) e.note = r.note;
      if (r.ms !== null) e.ms = r.ms;
      if (r.version !== null) e.version = r.version;
      if (r.environment !== null) e.environment = r.environment;
      if (r.status !== null) e.status = r.status;
      if (r.url !== null) e.url = r.url;
      return e;
    });
  }

  prune(now: number, retentionMs: number): void {
    const oldest = now - retentionMs,
      compactBefore = now - COMPACT_AFTER_MS;
    this.db.transaction(() => {
      this.stmt.dropEntries.run(oldest);
      this.stmt.dropEvents.run(oldest);
      this.stmt.compact.run(compactBefore, compactBefore);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
