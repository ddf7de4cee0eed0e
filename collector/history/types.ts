/**
 * What the store remembers beyond its in-memory cache: the last state of
 * every tile (so a restart keeps "red for 3 h", the sparkline and an open
 * claim), status and value changes, and claim events. Two implementations:
 * memory (tests, and the fallback when the disk fails) and SQLite.
 */
import type { HistoryEntry, Tile, TileEvent } from "../contract.ts";

export interface HistoryBackend {
  /** True when what is written survives a restart. */
  readonly persistent: boolean;
  /** The last saved state of every tile. */
  loadTiles(): Map<string, Tile>;
  saveTile(tile: Tile): void;
  /** A status or value change; `change` marks a status change, which compaction never drops. */
  addEntry(tile: string, entry: HistoryEntry, change: boolean): void;
  addEvent(event: TileEvent): void;
  /** Entries of one tile from `from` (epoch ms) on, oldest first, at most `limit` (the newest). */
  entries(tile: string, from: number, limit?: number): HistoryEntry[];
  /** Every status change of one tile still kept, oldest first: what stats are made of. */
  changes(tile: string): HistoryEntry[];
  /** Events from `from` on, oldest first; one tile or all. */
  events(tile: string | null, from: number): TileEvent[];
  /** Drop what is older than the retention; thin out old values (status changes stay). */
  prune(now: number, retentionMs: number): void;
  close(): void;
}

export const DEFAULT_RETENTION_MS = 90 * 86_400_000;
/** Values older than this are thinned to one per hour per tile. */
export const COMPACT_AFTER_MS = 7 * 86_400_000;
