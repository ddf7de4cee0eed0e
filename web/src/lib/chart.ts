/**
 * chart.js for the drill-down view only: loaded with a dynamic import() when a
 * detail view opens, registering just the line chart parts (never the "auto" bundle).
 * The x axis is a LinearScale of epoch ms with formatted ticks, so no date adapter.
 */
import { Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip, type Plugin } from "chart.js";
import type { ChartData, ChartLine, ChartMarker } from "./history.ts";

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Filler);

const LEVEL_NAMES = ["fail", "unknown", "warn", "ok"];

function timeTick(ms: number, span: number): string {
  const d = new Date(ms);
  const p = (x: number) => String(x).padStart(2, "0");
  if (span > 2 * 86_400_000) return `${d.getMonth() + 1}/${d.getDate()} ${p(d.getHours())}h`;
  return span < 600_000
    ? `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
    : `${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** What the tick callbacks read, so an update in place changes them too. */
interface Live {
  span: number;
  unit: string | undefined;
  mode: ChartData["mode"];
  markers: ChartMarker[];
}
const LIVE = new WeakMap<Chart, Live>();

/** A dashed vertical line at each deploy, with its version at the top: where the change may come from. */
const deployMarkers: Plugin<"line"> = {
  id: "deployMarkers",
  afterDatasetsDraw(chart) {
    const markers = LIVE.get(chart)?.markers ?? [];
    const { ctx, chartArea: area, scales } = chart;
    const css = getComputedStyle(chart.canvas);
    const colour = css.getPropertyValue("--text").trim() || "#ddd";
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 4]);
    ctx.font = `600 ${Math.round(Math.max(12, area.height / 18))}px sans-serif`;
    ctx.textBaseline = "top";
    for (const m of markers) {
      const x = scales.x!.getPixelForValue(m.x);
      if (!(x >= area.left && x <= area.right)) continue;
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      const w = ctx.measureText(m.label).width;
      ctx.fillText(m.label, x + 4 + w > area.right ? x - 4 - w : x + 4, area.top + 2);
    }
    ctx.restore();
  },
};

function rangeOf(data: ChartData): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const p of data.points) ((lo = Math.min(lo, p.x)), (hi = Math.max(hi, p.x)));
  return data.points.length ? [lo, hi] : [0, 0];
}
function spanOf(data: ChartData): number {
  const [lo, hi] = rangeOf(data);
  return hi - lo;
}

/** A threshold as a dashed line across the data's time range, in its status colour. */
function lineData(line: ChartLine, data: ChartData, css: CSSStyleDeclaration) {
  const [lo, hi] = rangeOf(data);
  const colour = css.getPropertyValue(`--${line.status}`).trim() || "#888";
  return {
    label: line.label,
    data: [
      { x: lo, y: line.y },
      { x: hi, y: line.y },
    ],
    borderColor: colour,
    backgroundColor: colour,
    borderDash: [8, 5],
    borderWidth: 2,
    pointRadius: 0,
    fill: false,
    tension: 0,
  };
}

/** What the chart holds, readable by tests and assistive tech: "Run duration (s)|warn at 200 ms|fail at 500 ms". */
function describe(canvas: HTMLCanvasElement, chart: Chart): void {
  canvas.dataset.series = chart.data.datasets.map((d) => d.label ?? "").join("|");
  canvas.dataset.markers = (LIVE.get(chart)?.markers ?? []).map((m) => m.label).join("|");
}
const yTitle = (d: ChartData) => (d.label ? `${d.label}${d.unit ? ` (${d.unit})` : ""}` : "");

/**
 * New data into the same chart (no new canvas context, no new Chart): a detail view left open for days
 * keeps its memory flat. A change of mode (status ↔ value) needs other axes, so it redraws.
 */
export function updateHistory(chart: Chart, data: ChartData, colour: string): Chart {
  const live = LIVE.get(chart);
  const sameLines =
    (data.lines ?? []).map((l) => l.label).join("|") ===
    chart.data.datasets
      .slice(1)
      .map((d) => d.label)
      .join("|");
  if (!live || live.mode !== data.mode || !sameLines || yTitle(data) !== chart.data.datasets[0]!.label) {
    const canvas = chart.canvas;
    chart.destroy();
    return drawHistory(canvas, data, colour);
  }
  live.span = spanOf(data);
  live.unit = data.unit;
  live.markers = data.markers ?? [];
  const ds = chart.data.datasets[0]!;
  ds.data = data.points;
  ds.borderColor = colour;
  ds.backgroundColor = `${colour}33`;
  (ds as { pointRadius?: number }).pointRadius = data.points.length > 60 ? 0 : 2;
  const css = getComputedStyle(chart.canvas);
  (data.lines ?? []).forEach((l, i) => (chart.data.datasets[i + 1]!.data = lineData(l, data, css).data));
  chart.update("none");
  describe(chart.canvas, chart);
  return chart;
}

export function drawHistory(canvas: HTMLCanvasElement, data: ChartData, colour: string): Chart {
  const css = getComputedStyle(canvas);
  const text = css.getPropertyValue("--muted").trim() || "#999";
  const grid = css.getPropertyValue("--line").trim() || "#333";
  const live: Live = { span: spanOf(data), unit: data.unit, mode: data.mode, markers: data.markers ?? [] };
  const status = data.mode === "status";
  const chart = new Chart(canvas, {
    type: "line",
    plugins: [deployMarkers],
    data: {
      datasets: [
        {
          label: yTitle(data),
          data: data.points,
          borderColor: colour,
          backgroundColor: `${colour}33`,
          fill: !status,
          stepped: false,
          pointRadius: data.points.length > 60 ? 0 : 2,
          borderWidth: 2,
          tension: 0,
        },
        ...(data.lines ?? []).map((l) => lineData(l, data, css)),
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: "nearest", intersect: false, axis: "x" },
      scales: {
        x: {
          type: "linear",
          title: { display: !!data.xLabel, text: data.xLabel ?? "", color: text },
          ticks: { color: text, maxTicksLimit: 8, callback: (v) => timeTick(Number(v), live.span) },
          grid: { color: grid },
        },
        y: status
          ? {
              type: "linear",
              min: -0.2,
              max: 3.2,
              ticks: { color: text, stepSize: 1, callback: (v) => LEVEL_NAMES[Number(v)] ?? "" },
              grid: { color: grid },
            }
          : {
              type: "linear",
              grace: "5%",
              title: { display: !!data.label, text: yTitle(data), color: text },
              ticks: { color: text, callback: (v) => `${v}${live.unit ? ` ${live.unit}` : ""}` },
              grid: { color: grid },
            },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? new Date(items[0].parsed.x ?? 0).toLocaleString() : ""),
            label: (item) => {
              if (item.datasetIndex > 0) return item.dataset.label ?? "";
              return status
                ? (LEVEL_NAMES[item.parsed.y ?? 0] ?? "")
                : `${item.parsed.y}${live.unit ? ` ${live.unit}` : ""}`;
            },
          },
        },
      },
    },
  });
  LIVE.set(chart, live);
  describe(canvas, chart);
  // the plugin reads the markers from LIVE, set only now: draw once more with them
  if (live.markers.length) chart.draw();
  return chart;
}
