/**
 * Claims ("Alice is on it"): what claiming, releasing and turning green do to a
 * tile and which event each leaves in the timeline. Pure, so the Store stays the
 * one place that changes tiles and writes history, and these rules read alone.
 */
import type { Claim, Tile, TileEvent } from "./contract.ts";

/** A claimed tile and its event; refused for a missing tile or one that is ok (nothing to be on). */
export function claimTile(
  old: Tile | undefined,
  by: string,
  note: string,
  now: number,
): { tile: Tile; event: TileEvent } | "missing" | "ok" {
  if (!old) return "missing";
  if (old.status === "ok" && !old.stale) return "ok";
  // `ms` is how long it was red before someone took it
  const redFor = old.since ? now - Date.parse(old.since) : undefined;
  const event: TileEvent = {
    tile: old.id,
    t: now,
    type: "claim",
    by,
    ...(note ? { note } : {}),
    ...(redFor !== undefined ? { ms: redFor } : {}),
  };
  return { tile: { ...old, claim: { by, note, at: new Date(now).toISOString() } }, event };
}

/** The end of a claim, given back (`release`) or ended by green (`fixed`): who, and how long they were on it. */
export function claimEnd(tile: string, claim: Claim, type: "release" | "fixed", now: number): TileEvent {
  return { tile, t: now, type, by: claim.by, ms: now - Date.parse(claim.at) };
}
