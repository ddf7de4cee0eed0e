/** What the store writes to the history for a tile's new state: pure, so the timeline rules are tested alone. */
import type { HistoryEntry, Tile, TileEvent } from "../contract.ts";

/**
 * The entry for `tile` after `last`, or null when nothing changed. A status
 * change is dated at the tile's `since` (kept after the previous entry), so the
 * timeline and "red for …" on the tile agree.
 */
export function nextEntry(
  tile: Tile,
  last: HistoryEntry | undefined,
  now: number,
): { entry: HistoryEntry; change: boolean } | null {
  const change = last?.status !== tile.status;
  if (!change && last?.value === tile.value) return null;
  if (!last && tile.status === "unknown") return null;
  let t = now;
  const since = tile.since ? Date.parse(tile.since) : NaN;
  if (change && Number.isFinite(since)) t = Math.min(now, Math.max(since, last ? last.t + 1 : since));
  const entry: HistoryEntry = { t, status: tile.status };
  if (tile.value !== undefined) entry.value = tile.value;
  return { entry, change };
}

/**
 * A deploying tile's newest completed run, seen for the first time, is a deploy (for the DORA stats);
 * `commitAt`, when the CI API gave it, makes `ms` the lead time for changes (commit → deploy).
 */
export function deployEvent(old: Tile, tile: Tile, now: number, commitAt?: string): TileEvent | null {
  const run = tile.items?.[0],
    before = old.items?.[0];
  if (!run || (run.status !== "ok" && run.status !== "fail")) return null;
  if (before && before.title === run.title && before.at === run.at && before.status === run.status) return null;
  const at = run.at ? Date.parse(run.at) : NaN;
  const t = Number.isFinite(at) ? Math.min(at, now) : now;
  const event: TileEvent = { tile: tile.id, t, type: "deploy", note: run.status };
  const committed = commitAt ? Date.parse(commitAt) : NaN;
  if (Number.isFinite(committed) && committed <= t) event.ms = t - committed;
  return event;
}
