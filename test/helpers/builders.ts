/** Builders with safe defaults, so each test states only what matters to it. */
import type { Tile, TileFields } from "../../collector/contract.ts";
import type { Run } from "../../collector/sources/lib/ci-runs.ts";

export function buildTile(overrides: Partial<Tile> = {}): Tile {
  return {
    id: "t1",
    board: "main",
    title: "Tile one",
    kind: "demo",
    status: "unknown",
    running: false,
    since: null,
    checkedAt: null,
    stale: false,
    summary: "waiting for the first poll",
    ...overrides,
  };
}

/** Tile fields, `unknown` unless the test says otherwise: the safe status, so no test is green by accident. */
export function buildFields(overrides: Partial<TileFields> = {}): TileFields {
  return { status: "unknown", summary: "no data yet", ...overrides };
}

/** One CI run as the CI kinds map it (#n, ten minutes long, finished at 10:10 UTC), for ci-runs tests. */
export function buildRun(n: number, verdict: Run["verdict"], overrides: Partial<Run> = {}): Run {
  return {
    label: `#${n}`,
    verdict,
    state: verdict,
    startedAt: "2026-11-29T10:00:00Z",
    finishedAt: "2026-11-29T10:10:00Z",
    durationSec: 600,
    url: `https://ci.example/${n}`,
    ...overrides,
  };
}

/**
 * An upstream list of runs (pipelines, builds, workflow runs) from the `from`th on, newest first, with the
 * newest one patched: how the CI kinds' tests put one documented state on top of a fixture's history.
 * The fixture is a fresh copy each time (fixture() parses anew), so patching it is safe.
 */
export function buildRuns<T extends object>(runs: T[], from = 0, newest?: Record<string, unknown>): T[] {
  const list = runs.slice(from);
  if (newest && list[0]) Object.assign(list[0], newest);
  return list;
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
    boards: [
      {
        id: "main",
        title: "Main",
        tiles: tiles.map((t, i) => ({ id: `t${i + 1}`, title: `Tile ${i + 1}`, kind: "demo", ...t })),
      },
    ],
    ...extra,
  };
}
