/**
 * The SVG path of a sparkline: at most MAX_POINTS points, scaled into w × h, with a small tick up
 * from the bottom at each deploy mark (epoch ms). The ticks come first, so the area fill that closes
 * the line's subpath gives them no area.
 */
import type { SeriesPoint } from "../../../collector/contract.ts";

export const MAX_POINTS = 60;

export function sparkPath(
  points: readonly SeriesPoint[] | undefined,
  w = 100,
  h = 30,
  marks: readonly number[] = [],
): string {
  if (!points || points.length < 2) return "";
  const step = Math.ceil(points.length / MAX_POINTS);
  const pts = points.filter(
    (p, i) => (i % step === 0 || i === points.length - 1) && Number.isFinite(p.t) && Number.isFinite(p.v),
  );
  if (pts.length < 2) return "";
  const ts = pts.map((p) => p.t),
    vs = pts.map((p) => p.v);
  const minT = Math.min(...ts),
    spanT = Math.max(...ts) - minT || 1,
    minV = Math.min(...vs),
    maxV = Math.max(...vs);
  const x = (t: number) => (((t - minT) / spanT) * w).toFixed(1);
  const y = (v: number) => (maxV === minV ? h / 2 : 1 + (1 - (v - minV) / (maxV - minV)) * (h - 2)).toFixed(1);
  // the collector sends only marks within the series, so no clamping here (the TV bundle is tight)
  return (
    marks.map((m) => `M${x(m)} ${h}v-9`).join("") + pts.map((p, i) => `${i ? "L" : "M"}${x(p.t)} ${y(p.v)}`).join("")
  );
}
