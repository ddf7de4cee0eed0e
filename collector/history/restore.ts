/** Taking over a tile the history saved before a restart: pure, so "never an old green" is tested alone. */
import type { Tile } from "../contract.ts";

/**
 * A tile as the history last saw it. Data older than staleAfter shows as stale
 * at once (never an old green); the Store still remembers the status it had, so
 * the first fresh poll that agrees keeps "red for 3 h".
 */
export function restoredTile(saved: Tile, staleAfterMs: number, now: number): Tile {
  const tile: Tile = { ...saved, claim: saved.claim ?? null };
  const last = tile.checkedAt ? Date.parse(tile.checkedAt) : -Infinity;
  if (now - last <= staleAfterMs) return tile;
  return {
    ...tile,
    stale: true,
    status: "unknown",
    running: false,
    progress: undefined,
    since: new Date(now).toISOString(),
    error: "no fresh data since the collector restarted",
  };
}
