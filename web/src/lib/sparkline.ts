/** The SVG path of a sparkline: at most MAX_POINTS points, scaled into w × h. */
import type { SeriesPoint } from "../../../collector/contract.ts";

export const MAX_POINTS = 60;

export function sparkPath(points: readonly SeriesPoint[] | undefined, w = 100, h = 30): string {
  if (!points || points.length < 2) return "";
  const step = Math.ceil(points.length / MAX_POINTS);
  const pts = step > 1 ? points.filter((_, i) => i % step === 0 || i === points.length - 1) : points;
  let minT = Infinity,
    maxT = -Infinity,
    minV = Infinity,
    maxV = -Infinity;
  for (const p of pts) {
    if (!Number.isFinite(p.t) || !Number.isFinite(p.v)) continue;
    minT = Math.min(minT, p.t);
    maxT = Math.max(maxT, p.t);
    minV = Math.min(minV, p.v);
    maxV = Math.max(maxV, p.v);
  }
  if (!Number.isFinite(minT)) return "";
  const spanT = maxT - minT || 1,
    spanV = maxV - minV || 1;
  const pad = 1;
  const out: string[] = [];
  for (const p of pts) {
    if (!Number.isFinite(p.t) || !Number.isFinite(p.v)) continue;
    const x = ((p.t - minT) / spanT) * w;
    const y = maxV === minV ? h / 2 : pad + (1 - (p.v - minV) / spanV) * (h - 2 * pad);
    out.push(`${out.length ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`);
  }
  return out.length > 1 ? out.join("") : "";
}
