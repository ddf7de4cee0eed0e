/**
 * What a tile becomes without fresh data: after a failed poll, and after silence past its
 * staleAfter. Pure; both turn the tile `unknown` and keep its last data, so the screens show
 * why and how old it is — never a false green.
 */
import type { Tile } from "./contract.ts";

/** A failed poll: unknown since now (or since it last turned unknown), with the reason. */
export function failedTile(old: Tile, message: string, now: number): Tile {
  const nowIso = new Date(now).toISOString();
  return {
    ...old,
    status: "unknown",
    running: false,
    progress: undefined,
    since: old.status === "unknown" ? (old.since ?? nowIso) : nowIso,
    error: message,
  };
}

/** When a tile's data goes stale unless a poll succeeds first (never, for a stale tile or one without plan). */
export function dueAt(tile: Tile, meta: { createdAt: number; staleAfterMs: number } | undefined): number {
  if (!meta || tile.stale) return Infinity;
  return (tile.checkedAt ? Date.parse(tile.checkedAt) : meta.createdAt) + meta.staleAfterMs;
}

/** The tile gone stale when its last check (`lastMs`) is older than `staleAfterMs`; undefined while fresh. */
export function staleTile(tile: Tile, lastMs: number, staleAfterMs: number, now: number): Tile | undefined {
  if (tile.stale || now - lastMs <= staleAfterMs) return undefined;
  const nowIso = new Date(now).toISOString();
  return {
    ...tile,
    stale: true,
    status: "unknown",
    running: false,
    progress: undefined,
    since: tile.status === "unknown" ? (tile.since ?? nowIso) : nowIso,
    error:
      tile.error ??
      (tile.checkedAt ? "no fresh data: the source has not answered in time" : "no answer yet from the source"),
  };
}
