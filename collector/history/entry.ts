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

/**
 * An environments tile's lanes that now run another version, deployed with success: each is a deploy
 * (a marker on the metric tiles that name this tile in `deploys`). The first poll sees no change.
 */
export function laneDeploys(old: Tile, tile: Tile, now: number): TileEvent[] {
  if (!old.lanes || !tile.lanes) return [];
  const before = new Map(old.lanes.map((l) => [l.environment, l.version]));
  return tile.lanes.flatMap((l) => {
    if (l.deploy !== "succeeded" || l.version === null || !before.has(l.environment)) return [];
    if (before.get(l.environment) === l.version) return [];
    const at = l.at ? Date.parse(l.at) : NaN;
    const e: TileEvent = {
      tile: tile.id,
      t: Number.isFinite(at) ? Math.min(at, now) : now,
      type: "deploy",
      note: "ok",
      status: "succeeded",
      version: l.version,
      environment: l.environment,
    };
    if (l.by) e.by = l.by;
    if (l.url) e.url = l.url;
    return [e];
  });
}

/** The deploys a poll's new tile records: a `deploy: true` tile's new run, an environments tile's new versions. */
export function pollDeploys(
  old: Tile,
  tile: Tile,
  now: number,
  o: { deploy?: boolean; lanes?: boolean; commitAt?: string },
): TileEvent[] {
  const run = o.deploy ? deployEvent(old, tile, now, o.commitAt) : null;
  return [...(run ? [run] : []), ...(o.lanes ? laneDeploys(old, tile, now) : [])];
}

/** Whether an event is of this sort (claim, deploy…): one place that reads the type, for stats and markers. */
export function isSort(e: TileEvent, sort: TileEvent["type"]): boolean {
  return e.type === sort;
}
