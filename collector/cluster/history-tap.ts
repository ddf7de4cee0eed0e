/** The history backend as it is, plus a copy of each event for the relay (followers record it too). */
import type { HistoryEntry, Tile, TileEvent } from "../contract.ts";
import type { HistoryBackend } from "../history/types.ts";

export class EventTap implements HistoryBackend {
  constructor(
    private readonly inner: HistoryBackend,
    private readonly onEvent: (e: TileEvent) => void,
  ) {}

  get persistent(): boolean {
    return this.inner.persistent;
  }
  loadTiles(): Map<string, Tile> {
    return this.inner.loadTiles();
  }
  saveTile(tile: Tile): void {
    this.inner.saveTile(tile);
  }
  addEntry(tile: string, entry: HistoryEntry, change: boolean): void {
    this.inner.addEntry(tile, entry, change);
  }
  addEvent(event: TileEvent): void {
    this.inner.addEvent(event);
    this.onEvent(event);
  }
  entries(tile: string, from: number, limit?: number): HistoryEntry[] {
    return this.inner.entries(tile, from, limit);
  }
  changes(tile: string): HistoryEntry[] {
    return this.inner.changes(tile);
  }
  events(tile: string | null, from: number): TileEvent[] {
    return this.inner.events(tile, from);
  }
  prune(now: number, retentionMs: number): void {
    this.inner.prune(now, retentionMs);
  }
  close(): void {
    this.inner.close();
  }
}
