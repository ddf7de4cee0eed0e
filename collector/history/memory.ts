/** The history kept in memory only: for tests, and what the collector falls back to when its disk fails. */
import type { HistoryEntry, Tile, TileEvent } from "../contract.ts";
import { COMPACT_AFTER_MS, type HistoryBackend } from "./types.ts";

const MAX_ENTRIES = 20_000;
const MAX_EVENTS = 20_000;

interface Row extends HistoryEntry {
  change: boolean;
}

export class MemoryHistory implements HistoryBackend {
  readonly persistent = false;
  private readonly tiles = new Map<string, Tile>();
  private readonly rows = new Map<string, Row[]>();
  private list: TileEvent[] = [];

  loadTiles(): Map<string, Tile> {
    return new Map(this.tiles);
  }

  saveTile(tile: Tile): void {
    this.tiles.set(tile.id, tile);
  }

  addEntry(tile: string, entry: HistoryEntry, change: boolean): void {
    const rows = this.rows.get(tile) ?? [];
    rows.push({ ...entry, change });
    if (rows.length > MAX_ENTRIES) rows.splice(0, rows.length - MAX_ENTRIES);
    this.rows.set(tile, rows);
  }

  addEvent(event: TileEvent): void {
    this.list.push(event);
    if (this.list.length > MAX_EVENTS) this.list.splice(0, this.list.length - MAX_EVENTS);
  }

  entries(tile: string, from: number, limit = Infinity): HistoryEntry[] {
    const out = (this.rows.get(tile) ?? []).filter((r) => r.t >= from).map(({ change: _c, ...e }) => e);
    return out.length > limit ? out.slice(out.length - limit) : out;
  }

  changes(tile: string): HistoryEntry[] {
    return (this.rows.get(tile) ?? []).filter((r) => r.change).map(({ change: _c, ...e }) => e);
  }

  events(tile: string | null, from: number): TileEvent[] {
    return this.list.filter((e) => e.t >= from && (tile === null || e.tile === tile));
  }

  prune(now: number, retentionMs: number): void {
    const oldest = now - retentionMs,
      compactBefore = now - COMPACT_AFTER_MS;
    for (const [id, rows] of this.rows) {
      const seenHour = new Set<number>();
      this.rows.set(
        id,
        rows.filter((r) => {
          if (r.t < oldest) return false;
          if (r.change || r.t >= compactBefore) return true;
          const hour = Math.floor(r.t / 3_600_000);
          if (seenHour.has(hour)) return false;
          seenHour.add(hour);
          return true;
        }),
      );
    }
    this.list = this.list.filter((e) => e.t >= oldest);
  }

  close(): void {}
}
