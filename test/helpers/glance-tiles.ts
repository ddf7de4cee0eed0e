/** Tiles at known statuses for page tests: long real-looking titles, every status, stale and running ones. */
import type { Status, Tile } from "../../collector/contract.ts";
import { buildTile } from "./builders.ts";

const NAMES = [
  "Payments API integration tests on main",
  "Web storefront deploy to production",
  "Checkout latency p95 (eu-west-1)",
  "Search indexer nightly rebuild",
  "Mobile app release pipeline (iOS)",
  "Kubernetes cluster node health",
  "Customer support ticket backlog",
  "Database replication lag primary",
  "Identity service end-to-end suite",
  "Data warehouse ingestion freshness",
];
/** A 40-character title: the longest the glance promises never to cut. */
export const LONG_TITLE = "Payments API integration tests main bran";

export const T0 = Date.parse("2026-11-29T12:00:00Z");

/** `n` tiles; tile 0 fails, 1 warns, 2 is unknown (stale with a reason), 3 runs, the rest are ok. */
export function glanceTiles(n: number, board = "main", now = Date.now()): Tile[] {
  return Array.from({ length: n }, (_, i) => {
    const status: Status = i === 0 ? "fail" : i === 1 && n > 2 ? "warn" : i === 2 && n > 3 ? "unknown" : "ok";
    const title = i === 0 ? LONG_TITLE : `${NAMES[i % NAMES.length]!}`.slice(0, 40);
    return buildTile({
      id: `t${i}`,
      board,
      title,
      kind: "demo",
      status,
      since: new Date(now - (i + 1) * 7 * 60_000).toISOString(),
      checkedAt: new Date(now - (status === "unknown" ? 12 * 60_000 : 5_000)).toISOString(),
      stale: status === "unknown",
      error: status === "unknown" ? "GitHub: token rejected" : undefined,
      running: i === 3 && n > 4,
      progress: i === 3 && n > 4 ? 0.4 : undefined,
      summary:
        status === "fail"
          ? "#1432 failed in test · alice"
          : status === "warn"
            ? "2 of 9 checks slow"
            : "#1433 passed in 4 min",
      people: status === "fail" ? ["alice"] : undefined,
    });
  });
}
