/** Pure helpers for the detail view: status periods and chart points from `history`. */
import type { HistoryEntry, Status, Tile } from "../../../collector/contract.ts";

export interface Period {
  status: Status;
  from: number;
  to: number;
}

/** Consecutive entries with the same status merged into periods, oldest first; the last runs to `now`. */
export function statusPeriods(history: readonly HistoryEntry[], now: number): Period[] {
  const out: Period[] = [];
  for (const h of [...history].sort((a, b) => a.t - b.t)) {
    const last = out[out.length - 1];
    if (last && last.status === h.status) continue;
    if (last) last.to = h.t;
    out.push({ status: h.status, from: h.t, to: now });
  }
  return out;
}

export interface ChartData {
  /** "value" when the tile has numbers, otherwise the status as a step line */
  mode: "value" | "status";
  points: { x: number; y: number }[];
  unit?: string;
  /** what the line is, named on the y axis and in the tooltip: "Run duration" */
  label?: string;
  /** what the x axis counts: "time", "run started" */
  xLabel?: string;
  /** horizontal lines across the chart: the warn/fail thresholds */
  lines?: ChartLine[];
  /** vertical markers: the deploys of the tile's deploy sources, labelled with their version */
  markers?: ChartMarker[];
}

export interface ChartMarker {
  x: number;
  label: string;
}

export interface ChartLine {
  y: number;
  label: string;
  status: Status;
}

/** Status as a height: ok at the top, fail at the bottom. */
export const STATUS_LEVEL: Record<Status, number> = { ok: 3, warn: 2, unknown: 1, fail: 0 };

export function chartData(
  history: readonly HistoryEntry[],
  tile: Pick<Tile, "series" | "unit">,
  now: number,
): ChartData {
  const values = history.filter((h) => typeof h.value === "number" && Number.isFinite(h.value));
  if (values.length >= 2)
    return { mode: "value", points: values.map((h) => ({ x: h.t, y: h.value! })), unit: tile.unit };
  if (tile.series && tile.series.length >= 2)
    return { mode: "value", points: tile.series.map((p) => ({ x: p.t, y: p.v })), unit: tile.unit };
  const points: { x: number; y: number }[] = [];
  for (const p of statusPeriods(history, now)) {
    points.push({ x: p.from, y: STATUS_LEVEL[p.status] }, { x: p.to, y: STATUS_LEVEL[p.status] });
  }
  return { mode: "status", points };
}
