/**
 * chart.js for the drill-down view only: loaded with a dynamic import() when a
 * detail view opens, registering just the line chart parts (never the "auto" bundle).
 * The x axis is a LinearScale of epoch ms with formatted ticks, so no date adapter.
 */
import { Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import type { ChartData } from "./history.ts";

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Filler);

const LEVEL_NAMES = ["fail", "unknown", "warn", "ok"];

function timeTick(ms: number, span: number): string {
  const d = new Date(ms);
  const p = (x: number) => String(x).padStart(2, "0");
  if (span > 2 * 86_400_000) return `${d.getMonth() + 1}/${d.getDate()} ${p(d.getHours())}h`;
  return span < 600_000 ? `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}` : `${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** What the tick callbacks read, so an update in place changes them too. */
interface Live { span: number; unit: string | undefined; mode: ChartData["mode"] }
const LIVE = new WeakMap<Chart, Live>();

function spanOf(data: ChartData): number {
  let lo = Infinity, hi = -Infinity;
  for (const p of data.points) (lo = Math.min(lo, p.x)), (hi = Math.max(hi, p.x));
  return data.points.length ? hi - lo : 0;
}

/**
 * New data into the same chart (no new canvas context, no new Chart): a detail view left open for days
 * keeps its memory flat. A change of mode (status ↔ value) needs other axes, so it redraws.
 */
export function updateHistory(chart: Chart, data: ChartData, colour: string): Chart {
  const live = LIVE.get(chart);
  if (!live || live.mode !== data.mode) {
    const canvas = chart.canvas;
    chart.destroy();
    return drawHistory(canvas, data, colour);
  }
  live.span = spanOf(data);
  live.unit = data.unit;
  const ds = chart.data.datasets[0]!;
  ds.data = data.points;
  ds.borderColor = colour;
  ds.backgroundColor = `${colour}33`;
  (ds as { pointRadius?: number }).pointRadius = data.points.length > 60 ? 0 : 2;
  chart.update("none");
  return chart;
}

export function drawHistory(canvas: HTMLCanvasElement, data: ChartData, colour: string): Chart {
  const css = getComputedStyle(canvas);
  const text = css.getPropertyValue("--muted").trim() || "#999";
  const grid = css.getPropertyValue("--line").trim() || "#333";
  const live: Live = { span: spanOf(data), unit: data.unit, mode: data.mode };
  const status = data.mode === "status";
  const chart = new Chart(canvas, {
    type: "line",
    data: {
      datasets: [{
        data: data.points,
        borderColor: colour,
        backgroundColor: `${colour}33`,
        fill: !status,
        stepped: false,
        pointRadius: data.points.length > 60 ? 0 : 2,
        borderWidth: 2,
        tension: 0,
      }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: "nearest", intersect: false, axis: "x" },
      scales: {
        x: { type: "linear", ticks: { color: text, maxTicksLimit: 8, callback: (v) => timeTick(Number(v), live.span) }, grid: { color: grid } },
        y: status
          ? { type: "linear", min: -0.2, max: 3.2, ticks: { color: text, stepSize: 1, callback: (v) => LEVEL_NAMES[Number(v)] ?? "" }, grid: { color: grid } }
          : { type: "linear", ticks: { color: text, callback: (v) => `${v}${live.unit ? ` ${live.unit}` : ""}` }, grid: { color: grid } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? new Date(items[0].parsed.x ?? 0).toLocaleString() : ""),
            label: (item) => (status ? LEVEL_NAMES[item.parsed.y ?? 0] ?? "" : `${item.parsed.y}${live.unit ? ` ${live.unit}` : ""}`),
          },
        },
      },
    },
  });
  LIVE.set(chart, live);
  return chart;
}
