/** Builders with safe defaults, so each test states only what matters to it. */
import type { Tile, TileFields } from "../../collector/contract.ts";

export function buildTile(overrides: Partial<Tile> = {}): Tile {
  return {
    id: "t1", board: "main", title: "Tile one", kind: "demo", status: "unknown", running: false,
    since: null, checkedAt: null, stale: false, summary: "waiting for the first poll", ...overrides,
  };
}

export function buildFields(overrides: Partial<TileFields> = {}): TileFields {
  return { status: "ok", summary: "all good", ...overrides };
}

export interface TileSpec {
  id?: string;
  title?: string;
  kind?: string;
  [key: string]: unknown;
}

/** A config object with one board; tiles default to demo builds. */
export function buildConfig(tiles: TileSpec[] = [{}], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Test radiator",
    boards: [{
      id: "main", title: "Main",
      tiles: tiles.map((t, i) => ({ id: `t${i + 1}`, title: `Tile ${i + 1}`, kind: "demo", ...t })),
    }],
    ...extra,
  };
}
