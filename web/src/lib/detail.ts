/**
 * Pure helpers for the per-family detail view: which chart a family gets, the thresholds a metric
 * tile carries (when it carries them), and the note that keeps the status timeline honest about
 * "red for" when the stored history is shorter than the tile's state.
 */
import type {
  DeployImpact,
  HistoryEntry,
  Status,
  Thresholds,
  Tile,
  TileDetail,
  TileFamily,
} from "../../../collector/contract.ts";
import { chartData, statusPeriods, type ChartData, type ChartLine } from "./history.ts";
import { STATUS_LOOK, clockText, formatValue, timestampText } from "./format.ts";

/**
 * The warn/fail thresholds of a metric tile (`prometheus`, `host`), as the collector judged it. Checked
 * again here because a page may talk to an older or newer collector: anything malformed draws none, and
 * the page never invents a threshold.
 */
export function thresholdsOf(tile: Tile): Thresholds | null {
  const t: unknown = tile.thresholds;
  if (!t || typeof t !== "object") return null;
  const { warn, fail, direction } = t as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const out: Thresholds = {};
  if (num(warn) !== undefined) out.warn = num(warn);
  if (num(fail) !== undefined) out.fail = num(fail);
  if (direction === "above" || direction === "below") out.direction = direction;
  return out.warn === undefined && out.fail === undefined ? null : out;
}

export function thresholdLines(t: Thresholds | null, unit: string | undefined): ChartLine[] {
  if (!t) return [];
  const dir = t.direction === "below" ? "below" : "at";
  const text = (s: "warn" | "fail", v: number) => `${s} ${dir} ${formatValue(v)}${unit ? ` ${unit}` : ""}`;
  const lines: ChartLine[] = [];
  if (t.warn !== undefined) lines.push({ y: t.warn, label: text("warn", t.warn), status: "warn" });
  if (t.fail !== undefined) lines.push({ y: t.fail, label: text("fail", t.fail), status: "fail" });
  return lines;
}

/** The chart the detail draws for a family: run durations for builds, values with thresholds for metrics. */
export function detailChart(
  family: TileFamily | undefined,
  history: readonly HistoryEntry[],
  tile: Tile & Pick<TileDetail, "markers">,
  now: number,
): ChartData {
  if (family === "build") {
    // a build's series is its completed runs' durations in seconds (collector/sources/ci-runs.ts)
    if (tile.series && tile.series.length >= 2) {
      return {
        mode: "value",
        points: tile.series.map((p) => ({ x: p.t, y: p.v })),
        unit: "s",
        label: "Run duration",
        xLabel: "run started",
      };
    }
    return { ...chartData(history, { unit: tile.unit }, now), xLabel: "time" };
  }
  const base = chartData(history, tile, now);
  if (base.mode === "status") return { ...base, xLabel: "time" };
  const lines = family === "metric" || family === "check" ? thresholdLines(thresholdsOf(tile), tile.unit) : [];
  const markers = (tile.markers ?? []).map((m) => ({ x: m.t, label: m.version ? `deploy ${m.version}` : "deploy" }));
  return {
    ...base,
    label: family === "list" ? "Count" : "Value",
    xLabel: "time",
    ...(lines.length ? { lines } : {}),
    ...(markers.length ? { markers } : {}),
  };
}

/**
 * When the stored history begins after the tile's `since`, the timeline cannot show the start of the
 * current state: say so ("history starts 12:04; red since 09:10") rather than contradict "red for".
 */
export function historyNote(
  history: readonly HistoryEntry[],
  tile: Pick<Tile, "since" | "status" | "stale">,
  now: number,
): string | null {
  const since = tile.since ? Date.parse(tile.since) : NaN;
  const periods = statusPeriods(history, now);
  const first = periods[0];
  if (!first || Number.isNaN(since) || tile.stale) return null;
  const status: Status = tile.status;
  if (since >= first.from) return null;
  const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();
  const when = (t: number) => (sameDay(t, now) ? clockText(t) : timestampText(t).slice(0, 16));
  return `history starts ${when(first.from)}; ${STATUS_LOOK[status].colour} since ${when(since)}`;
}

/** "deploy 1.4.3 to production at 14:02: 100 ms before, 228 ms after (+128 %), a regression". */
export function impactLine(impact: DeployImpact, unit: string | undefined): string {
  const m = impact.marker;
  const v = (n: number) => `${formatValue(n)}${unit ? ` ${unit}` : ""}`;
  const change = impact.change === null ? "" : ` (${impact.change > 0 ? "+" : ""}${Math.round(impact.change * 100)} %)`;
  const verdict = impact.regressed ? ", a regression" : impact.clearedAt ? ", the regression has cleared" : "";
  const where = m.environment ? ` to ${m.environment}` : "";
  return `${m.version ? `deploy ${m.version}` : "deploy"}${where} at ${clockText(m.t)}: ${v(impact.before)} before, ${v(impact.after)} after${change}${verdict}`;
}
