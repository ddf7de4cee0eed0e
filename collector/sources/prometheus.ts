/**
 * `prometheus`: one PromQL instant query judged against thresholds, with a
 * sparkline from a range query over `window`.
 * @see https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries
 * @see https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
 * @see https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats
 */
import { z } from "zod";
import {
  worstStatus,
  STATUS_RANK,
  type SeriesPoint,
  type Status,
  type TileFields,
  type TileItem,
} from "../contract.ts";
import { DURATION_PATTERN, parseDuration } from "../durations.ts";
import { safeLink } from "../links.ts";
import { appendSeries, roundValue } from "../series.ts";
import { shownThresholds, thresholdStatus } from "../thresholds.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource, type NormaliseContext, type PollContext } from "./define.ts";
import { labelText, promData, PROM_ERROR_STATUSES, sampleProblem, sampleValue } from "./lib/prometheus-api.ts";

export const params = z.object({
  query: z
    .string()
    .min(1)
    .describe(
      'A PromQL expression giving a scalar or an instant vector, e.g. `100 * avg(rate(node_cpu_seconds_total{mode!="idle"}[5m]))`.',
    ),
  unit: z.string().optional().describe("Shown after the value, e.g. `%`, `ms`, `req/s`."),
  warn: z.number().optional().describe("Warn at this value or beyond (see `direction`)."),
  fail: z.number().optional().describe("Fail at this value or beyond (see `direction`)."),
  direction: z
    .enum(["above", "below"])
    .default("above")
    .describe("`above`: high values are bad (CPU, latency); `below`: low values are bad (free disk, success ratio)."),
  decimals: z
    .number()
    .int()
    .min(0)
    .max(6)
    .optional()
    .describe("Round to this many decimals; default 3 significant digits."),
  window: z
    .string()
    .regex(new RegExp(DURATION_PATTERN), "must be a duration such as 1h or 30m")
    .default("1h")
    .describe("Time span of the sparkline, read with a range query in about 60 steps."),
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe("How many series to list when the query returns several."),
});
type Params = z.infer<typeof params>;

const sample = z.tuple([z.number(), z.string()]);
const vector = z.array(z.object({ metric: z.record(z.string(), z.string()), value: sample }).loose());
const matrix = z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sample) }).loose());
const instant = z.object({ resultType: z.string(), result: z.unknown() }).loose();
export type InstantData = z.infer<typeof instant>;

/** The instant query's data and warnings, the sparkline (or why it failed), and the graph page's link. */
export interface PrometheusAnswer {
  data: InstantData;
  warnings: readonly string[];
  spark: { series: SeriesPoint[] } | { error: string };
  url?: string;
}

interface PromExtras {
  series?: SeriesPoint[];
  url?: string;
  /** Partial problems: Prometheus warnings, a failed sparkline query. */
  notes?: string[];
}

const SPARK_STEPS = 60;

function rounded(v: number, p: Params): number {
  if (!Number.isFinite(v)) return v;
  return p.decimals === undefined ? roundValue(v) : Number(v.toFixed(p.decimals));
}

function show(v: number, p: Params): string {
  const text = Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : "-Inf";
  return p.unit ? `${text} ${p.unit}` : text;
}

function unknownWords(row: { v: number; text: string }, p: Params): string {
  return sampleProblem(row.text) ?? show(row.v, p);
}

/** Of two values, the one further on the bad side. */
function worse(a: number, b: number, p: Params): boolean {
  return p.direction === "below" ? a < b : a > b;
}

function judge(data: InstantData, p: Params, extras: PromExtras = {}): TileFields {
  const base = { unit: p.unit, thresholds: shownThresholds(p), series: extras.series, url: extras.url };
  const notes = [...(extras.notes ?? [])];
  const withNotes = (f: TileFields): TileFields => ({
    ...f,
    ...(notes.length ? { error: [f.error, ...notes].filter(Boolean).join("; ") } : {}),
  });

  let rows: { labels: Record<string, string>; v: number; text: string }[];
  switch (data.resultType) {
    case "scalar": {
      const [, v] = parseAnswer(sample, data.result, "Prometheus query");
      rows = [{ labels: {}, v: sampleValue(v), text: v }];
      break;
    }
    case "vector":
      rows = parseAnswer(vector, data.result, "Prometheus query").map((s) => ({
        labels: s.metric,
        v: sampleValue(s.value[1]),
        text: s.value[1],
      }));
      break;
    case "matrix":
      return withNotes({
        ...base,
        status: "unknown",
        summary: "query gives a range vector",
        error:
          "the query returns a range vector (matrix); give an instant vector or a scalar, e.g. wrap it in avg_over_time()",
      });
    default:
      return withNotes({
        ...base,
        status: "unknown",
        summary: `query gives a ${data.resultType}`,
        error: `the query returns a ${JSON.stringify(data.resultType)} result, not a number`,
      });
  }
  if (rows.length === 0)
    return withNotes({
      ...base,
      status: "unknown",
      summary: "query returned no data",
      error: "query returned no data",
    });

  // Judged on the exact value: 89.99 is under a threshold of 90 even when shown as 90.
  const judged = rows.map((r) => ({ ...r, status: thresholdStatus(r.v, p), v: rounded(r.v, p) }));
  const status = worstStatus(judged.map((j) => j.status));
  const worst = judged.reduce((a, b) =>
    STATUS_RANK[b.status] < STATUS_RANK[a.status] || (b.status === a.status && worse(b.v, a.v, p)) ? b : a,
  );
  const value = Number.isFinite(worst.v) ? worst.v : undefined;
  if (judged.length === 1) {
    return withNotes({
      ...base,
      status,
      value,
      summary: show(worst.v, p),
      ...(status === "unknown" ? { error: `the query returned ${unknownWords(worst, p)}` } : {}),
    });
  }

  // Labels every series shares say nothing about which one is which.
  const keys = new Set(judged.flatMap((j) => Object.keys(j.labels)));
  const shared = new Set([...keys].filter((k) => judged.every((j) => j.labels[k] === judged[0]!.labels[k])));
  const sorted = [...judged].sort(
    (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (worse(a.v, b.v, p) ? -1 : worse(b.v, a.v, p) ? 1 : 0),
  );
  const items: TileItem[] = sorted
    .slice(0, p.limit)
    .map((j) => ({ title: labelText(j.labels, shared), status: j.status, detail: show(j.v, p) }));
  const counts = (["fail", "unknown", "warn", "ok"] as Status[])
    .map((s) => [s, judged.filter((j) => j.status === s).length] as const)
    .filter(([, n]) => n > 0);
  return withNotes({
    ...base,
    status,
    value,
    items,
    summary: `${judged.length} series: ${counts.map(([s, n]) => `${n} ${s}`).join(", ")} · worst ${show(worst.v, p)} ${labelText(worst.labels, shared)}`,
    ...(status === "unknown"
      ? {
          error: `a series returned ${unknownWords(
            judged.find((j) => j.status === "unknown")!,
            p,
          )}`,
        }
      : {}),
  });
}

function normalise(a: PrometheusAnswer, p: Params, { now, previous }: NormaliseContext): TileFields {
  const fields = judge(a.data, p, {
    url: a.url,
    series: "series" in a.spark ? a.spark.series : previous?.series,
    notes: [
      ...a.warnings.map((w) => `Prometheus warning: ${w}`),
      ...("error" in a.spark ? [`sparkline: ${a.spark.error}`] : []),
    ],
  });
  // Range steps end on a step boundary; the value shown now ends the line, so both agree.
  if (fields.value !== undefined) fields.series = appendSeries(fields.series, { t: now.getTime(), v: fields.value });
  return fields;
}

/** Per step, the worst value over all series: the sparkline of what decides the tile. */
export function sparkline(result: unknown, p: Params): SeriesPoint[] {
  const byTime = new Map<number, number>();
  for (const s of parseAnswer(matrix, result, "Prometheus range query")) {
    for (const [t, text] of s.values) {
      const v = sampleValue(text);
      if (!Number.isFinite(v)) continue;
      const at = Math.round(t * 1000),
        old = byTime.get(at);
      if (old === undefined || worse(v, old, p)) byTime.set(at, v);
    }
  }
  return [...byTime].sort(([a], [b]) => a - b).map(([t, v]) => ({ t, v: rounded(v, p) }));
}

/** The query's values over [from, to] (epoch ms) in about 60 steps: the before/after-deploy comparison. */
async function range(ctx: PollContext, p: Params, from: number, to: number): Promise<SeriesPoint[]> {
  const start = Math.floor(from / 1000),
    end = Math.ceil(to / 1000);
  const step = Math.max(1, Math.round((end - start) / SPARK_STEPS));
  const res = await ctx.http.json("/api/v1/query_range", {
    query: { query: p.query, start, end, step },
    accept: PROM_ERROR_STATUSES,
    signal: ctx.signal,
  });
  const { data } = promData(res.body, "Prometheus range query");
  // exact values: the comparison is judged before rounding, like the thresholds
  return sparkline(parseAnswer(instant, data, "Prometheus range query").result, { ...p, decimals: 6 });
}

async function rangeSeries(ctx: PollContext, p: Params): Promise<SeriesPoint[]> {
  const windowS = parseDuration(p.window)! / 1000;
  const step = Math.max(1, Math.round(windowS / SPARK_STEPS));
  // Steps aligned to multiples of `step` give the same points poll after poll.
  const end = Math.floor(ctx.now.getTime() / 1000 / step) * step;
  const res = await ctx.http.json("/api/v1/query_range", {
    query: { query: p.query, start: end - windowS, end, step },
    accept: PROM_ERROR_STATUSES,
    signal: ctx.signal,
  });
  const { data } = promData(res.body, "Prometheus range query");
  return sparkline(parseAnswer(instant, data, "Prometheus range query").result, p);
}

export default defineSource({
  kind: "prometheus",
  connection: "prometheus",
  family: "metric",
  description: "A PromQL query judged against warn/fail thresholds; several series are listed, the worst deciding.",
  notes: `One PromQL instant query (\`GET /api/v1/query\`), judged against thresholds, plus
a range query (\`GET /api/v1/query_range\`) over \`window\` in about 60 steps for
the sparkline and the drill-down chart.

What the tile shows:
- a scalar or a one-element vector → the **value** with its unit, ok/warn/fail by the thresholds (ok when none are set);
- a vector of several series → **one item per series**, titled by the labels that tell them apart, worst first; the worst decides the tile and its value;
- an **empty result → \`unknown\`, "query returned no data"** (a metric that vanished is not good news);
- \`NaN\` or \`±Inf\` → \`unknown\`; a range vector (\`up[5m]\`) or a string → \`unknown\`, saying so;
- a **PromQL error** → \`unknown\` with Prometheus's words, e.g. \`Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis\`;
- Prometheus \`warnings\`, or a failed sparkline query, are shown as the tile's error while the value still stands.
The tile links to the Prometheus graph page of the query.

\`\`\`json
{ "id": "web-cpu", "title": "Web CPU", "kind": "prometheus", "connection": "prom",
  "query": "100 * avg(rate(node_cpu_seconds_total{mode!=\\"idle\\",job=\\"web\\"}[5m]))", "unit": "%", "warn": 70, "fail": 90 },
{ "id": "disk-free", "title": "Disk free", "kind": "prometheus", "connection": "prom",
  "query": "100 * node_filesystem_avail_bytes{mountpoint=\\"/\\"} / node_filesystem_size_bytes{mountpoint=\\"/\\"}",
  "unit": "%", "warn": 15, "fail": 5, "direction": "below", "decimals": 0 }
\`\`\``,
  params,
  async load(ctx, p): Promise<PrometheusAnswer> {
    // The sparkline is decoration: its failure is noted, and the tile is judged on the instant query alone.
    const spark = rangeSeries(ctx, p).then(
      (series) => ({ series }),
      (err: Error) => ({ error: err.message }),
    );
    const res = await ctx.http.json("/api/v1/query", {
      query: { query: p.query },
      accept: PROM_ERROR_STATUSES,
      signal: ctx.signal,
    });
    const { data, warnings } = promData(res.body, "Prometheus");
    const url = safeLink(ctx.http.resolve("/graph", { "g0.expr": p.query, "g0.tab": "0", "g0.range_input": p.window }));
    return { data: parseAnswer(instant, data, "Prometheus query"), warnings, spark: await spark, url };
  },
  normalise,
  range,
});
