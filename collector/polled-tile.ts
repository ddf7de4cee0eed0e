/**
 * The tile a successful poll makes of a source's fields: the one place upstream
 * data is clamped (progress), checked (finite values) and made safe (links).
 * Pure; the Store decides `since` and the claim, and records the result.
 */
import type { Claim, EnvironmentLane, Status, Tile, TileFields, TileItem } from "./contract.ts";
import { safeLink } from "./links.ts";
import { shownThresholds } from "./thresholds.ts";

export function polledTile(
  old: Tile,
  fields: TileFields,
  since: string | null,
  nowIso: string,
  claim: Claim | null,
): Tile {
  const tile: Tile = {
    id: old.id,
    board: old.board,
    title: old.title,
    kind: old.kind,
    status: fields.status,
    running: fields.running ?? false,
    since,
    checkedAt: nowIso,
    stale: false,
    summary: fields.summary,
    claim,
  };
  if (fields.running && fields.progress !== undefined && Number.isFinite(fields.progress))
    tile.progress = Math.min(1, Math.max(0, fields.progress));
  if (fields.value !== undefined && Number.isFinite(fields.value)) tile.value = fields.value;
  if (fields.unit !== undefined) tile.unit = fields.unit;
  const thresholds = fields.thresholds && shownThresholds(fields.thresholds);
  if (thresholds) tile.thresholds = thresholds;
  if (fields.series?.length) tile.series = fields.series;
  if (fields.items) tile.items = fields.items.map(linked);
  if (fields.lanes)
    tile.lanes = fields.lanes.map((lane) => {
      const { recent, ...rest } = linked(lane);
      return recent ? { ...rest, recent: recent.map(linked) } : rest;
    });
  if (fields.people?.length) tile.people = fields.people;
  const url = safeLink(fields.url);
  if (url) tile.url = url;
  if (fields.error) tile.error = fields.error;
  if (fields.marks?.length) tile.marks = fields.marks;
  if (fields.impact) tile.impact = fields.impact;
  return tile;
}

/** When the tile's status began: upstream's word, else when fresh data first said this status, else now. */
export function sinceOf(
  fields: TileFields,
  known: { status: Status; since: string | null } | undefined,
  nowIso: string,
): string | null {
  if (fields.since !== undefined && fields.since !== null) return fields.since;
  return known?.status === fields.status ? known.since : nowIso;
}

/** A copy with `url` kept only when it is an http(s) link. */
function linked<T extends TileItem | EnvironmentLane>(item: T): T {
  const url = safeLink(item.url);
  const { url: _drop, ...rest } = item;
  return (url ? { ...rest, url } : rest) as T;
}
