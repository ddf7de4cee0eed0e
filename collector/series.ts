import type { SeriesPoint } from "./contract.ts";

export const SERIES_POINTS = 60;

/** The previous series with one point added, bounded so tiles stay small on the wire. */
export function appendSeries(
  previous: readonly SeriesPoint[] | undefined,
  point: SeriesPoint,
  max = SERIES_POINTS,
): SeriesPoint[] {
  const out = (previous ?? []).filter((p) => p.t < point.t);
  out.push(point);
  return out.length > max ? out.slice(out.length - max) : out;
}

/** Round for display: 3 significant digits at most, no float noise. */
export function roundValue(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v))));
  return Number(v.toFixed(Math.min(digits, 6)));
}
