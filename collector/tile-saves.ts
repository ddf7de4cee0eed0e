/** What the store writes beside its tiles: the saved copies of checks, and `radiator_tile_status`. */
import type { Tile } from "./contract.ts";
import { STATUSES } from "./contract.ts";
import type { Metrics } from "./metrics.ts";

const checkedMs = (tile: Tile) => (tile.checkedAt ? Date.parse(tile.checkedAt) : 0);

/**
 * A check that changed nothing shown is saved once the saved check is half of staleAfter old (every
 * other poll at the default staleAfter of 3 × every, not every poll: half the writes to a kiosk's SD
 * card, and less CPU): after a restart a tile then looks at most that much older than it is (greyer
 * sooner, never greener), and a restart within the other half still finds it fresh.
 */
export class CheckSaves {
  private readonly savedAt = new Map<string, number>();

  due(tile: Tile, staleAfterMs: number | undefined): boolean {
    return staleAfterMs === undefined || checkedMs(tile) - (this.savedAt.get(tile.id) ?? 0) >= staleAfterMs / 2;
  }

  saved(tile: Tile): void {
    this.savedAt.set(tile.id, checkedMs(tile));
  }

  forget(id: string): void {
    this.savedAt.delete(id);
  }
}

export function forgetStatusMetric(metrics: Pick<Metrics, "tileStatus"> | undefined, tile: Tile): void {
  if (metrics)
    for (const status of STATUSES)
      metrics.tileStatus.remove({ board: tile.board, tile: tile.id, kind: tile.kind, status });
}

export function setStatusMetric(metrics: Pick<Metrics, "tileStatus"> | undefined, tile: Tile): void {
  if (metrics)
    for (const s of STATUSES)
      metrics.tileStatus.set(
        { board: tile.board, tile: tile.id, kind: tile.kind, status: s },
        s === tile.status ? 1 : 0,
      );
}
