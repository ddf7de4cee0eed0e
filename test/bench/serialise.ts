import type { Tile } from "../../collector/contract.ts";

/** Cost of one 40-tile snapshot serialisation, the heaviest message the hub sends. */
export function serialiseCost(): { bytes: number; microseconds: number } {
  const tiles: Tile[] = Array.from({ length: 40 }, (_, i) => ({
    id: `tile-${i}`,
    board: "main",
    title: `Service ${i}`,
    kind: "demo",
    status: i % 5 ? "ok" : "fail",
    running: i % 7 === 0,
    progress: 0.5,
    since: new Date().toISOString(),
    checkedAt: new Date().toISOString(),
    stale: false,
    summary: `#${1000 + i} passed · alice · 3 min ago`,
    value: i * 1.5,
    unit: "ms",
    series: Array.from({ length: 60 }, (_, j) => ({
      t: 1_795_000_000_000 + j * 10_000,
      v: Math.round(Math.random() * 100),
    })),
    items: Array.from({ length: 5 }, (_, j) => ({
      title: `job ${j}`,
      status: "ok" as const,
      url: `https://ci.example/${i}/${j}`,
    })),
    people: ["alice", "bob"],
  }));
  const msg = { type: "snapshot", rev: 1, tiles };
  let bytes = 0;
  const rounds = 500;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) bytes = JSON.stringify(msg).length;
  return { bytes, microseconds: ((performance.now() - t0) * 1000) / rounds };
}
