/**
 * Which tiles get the room. `fixed` keeps the config order. `attention` puts
 * failing first, then warning, unknown, running, ok; once more than a few tiles
 * need attention, the ok ones shrink to a compact strip so the red ones are big.
 * `broken` (?show=broken) leaves the ok tiles out and counts them instead.
 */
import type { Tile } from "../../../collector/contract.ts";
import type { LayoutMode } from "./url-state.ts";

export interface Arrangement {
  /** full-size tiles, in the order drawn */
  main: Tile[];
  /** ok tiles drawn small (attention layout) */
  strip: Tile[];
  /** ok tiles not drawn at all (show=broken) */
  hiddenOk: number;
}

/** More tiles than this needing attention, and the ok ones go to the strip. */
export const STRIP_AFTER = 3;

/** The status a person sees (stale data is unknown, whatever it last said). */
export function shownStatus(t: Tile): Tile["status"] {
  return t.stale ? "unknown" : t.status;
}

function rank(t: Tile): number {
  const s = shownStatus(t);
  if (s === "fail") return 0;
  if (s === "warn") return 1;
  if (s === "unknown") return 2;
  return t.running ? 3 : 4;
}

export function arrange(tiles: readonly Tile[], mode: LayoutMode, broken: boolean): Arrangement {
  const isOk = (t: Tile) => rank(t) >= 3 && !t.running;
  if (broken) {
    const main = tiles.filter((t) => !isOk(t));
    return { main: mode === "attention" ? sortByRank(main) : main, strip: [], hiddenOk: tiles.length - main.length };
  }
  if (mode === "fixed") return { main: [...tiles], strip: [], hiddenOk: 0 };
  const sorted = sortByRank(tiles);
  const needing = sorted.filter((t) => rank(t) <= 2).length;
  if (needing <= STRIP_AFTER) return { main: sorted, strip: [], hiddenOk: 0 };
  return { main: sorted.filter((t) => !isOk(t)), strip: sorted.filter(isOk), hiddenOk: 0 };
}

/** Stable: equal ranks keep the config order. */
function sortByRank(tiles: readonly Tile[]): Tile[] {
  return tiles
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .map((x) => x.t);
}
