import type { Tile } from "./contract.ts";

/** One flush of the store: the tiles whose shown state changed and the ids that went away. */
export interface Patch {
  rev: number;
  tiles: Tile[];
  removed: string[];
}

/**
 * A tile's wire form with `checkedAt` blanked, worked out once per tile object: the store never changes
 * a tile once it is put (it puts a new one), so the stored tile's form is not serialised again at each
 * poll, and a polled one once for both of the store's comparisons (they were four `JSON.stringify`s a poll).
 */
const shownForms = new WeakMap<Tile, string>();
function shownForm(t: Tile): string {
  let form = shownForms.get(t);
  if (form === undefined) {
    form = JSON.stringify({ ...t, checkedAt: null });
    shownForms.set(t, form);
  }
  return form;
}

/** Two tiles are the same when their wire form is (the page keeps a tile's identity, and so its DOM). */
export function sameTile(a: Tile | undefined, b: Tile): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `sameTile` for the store, with the forms kept (the page uses the plain one above: the cache would cost
 * the TV bundle bytes, and the page compares each tile once).
 */
export function sameStored(a: Tile | undefined, b: Tile): boolean {
  return a !== undefined && a.checkedAt === b.checkedAt && shownForm(a) === shownForm(b);
}

/**
 * Two tiles show the same when only a later `checkedAt` differs: a poll that confirms what a
 * screen already shows (a 304, say) sends no tile body, the heartbeat carries the data's age
 * instead (issue 12). A first check (null → a time) is shown ("no data yet"), and so is the age
 * on a tile with an error or stale data.
 */
export function sameShown(a: Tile | undefined, b: Tile): boolean {
  if (a === undefined) return false;
  if (a.checkedAt !== b.checkedAt) {
    if (a.checkedAt === null || b.checkedAt === null) return false;
    // the face says "data 3 s old" on a tile with an error or stale data: there the age is shown
    if (a.error || b.error || a.stale || b.stale) return false;
  }
  return shownForm(a) === shownForm(b);
}
