/**
 * A metric tile's deploys after its poll: the marks for the TV sparkline, and the latest deploy's
 * before/after comparison (the series from the kind's `range` — Prometheus `query_range` — or the
 * collector's own history of the value). The maths is in compare.ts; this is the I/O around it.
 */
import type { DeployMarker, HistoryEntry, SeriesPoint, Tile, TileEvent, TileFields } from "../contract.ts";
import type { DeployWatch, TilePlan } from "../plan.ts";
import type { PollContext } from "../sources/define.ts";
import { beforeAfter, deployMarkers, judgeImpact, WATCH_MS, withImpact } from "./compare.ts";

/** Points of the history's step line sampled evenly over [from, to], for the same medians as a range query. */
export function historySeries(history: readonly HistoryEntry[], from: number, to: number, steps = 120): SeriesPoint[] {
  const values = history.filter((h) => h.value !== undefined && Number.isFinite(h.value));
  const out: SeriesPoint[] = [];
  if (values.length === 0 || to <= from) return out;
  const step = (to - from) / steps;
  let i = -1;
  for (let k = 0; k <= steps; k++) {
    const t = Math.round(from + k * step);
    while (i + 1 < values.length && values[i + 1]!.t <= t) i++;
    if (i >= 0) out.push({ t, v: values[i]!.value! });
  }
  return out;
}

/** Late samples may still land just before the deploy; after this the "before" side is settled. */
const SETTLED_MS = 60_000;
const BEFORE_KEY = "deploys:before";

/**
 * The "before" side does not change once settled: kept in the poll job's memo, so a deploy
 * watched for a day costs one range query per poll rather than two.
 */
async function beforeSide(
  ctx: PollContext,
  m: DeployMarker,
  now: number,
  read: () => Promise<SeriesPoint[]>,
): Promise<SeriesPoint[]> {
  const id = `${m.source}@${m.t}`;
  const kept = ctx.memo?.get(BEFORE_KEY) as { id: string; series: SeriesPoint[] } | undefined;
  if (kept?.id === id) return kept.series;
  const series = await read();
  if (now - m.t >= SETTLED_MS) ctx.memo?.set(BEFORE_KEY, { id, series });
  return series;
}

export interface WatchInput {
  plan: Pick<TilePlan, "def" | "params" | "title"> & { deploys: DeployWatch };
  ctx: PollContext;
  /** Events of one tile from `from` on (the store's). */
  events(tile: string, from: number): readonly TileEvent[];
  previous?: Tile;
}

export async function watchDeploys(fields: TileFields, input: WatchInput): Promise<TileFields> {
  const { plan, ctx } = input;
  const w = plan.deploys;
  const now = ctx.now.getTime();
  const horizon = Math.min(fields.series?.[0]?.t ?? now, now - WATCH_MS);
  const markers = deployMarkers(
    w.sources.flatMap((s) => input.events(s, horizon - w.beforeMs)),
    w.sources,
  ).filter((m) => m.t <= now);
  const first = fields.series?.[0]?.t;
  const marks = first === undefined ? [] : markers.filter((m) => m.t >= first).map((m) => m.t);
  const out: TileFields = marks.length ? { ...fields, marks } : fields;
  const latest = markers.at(-1);
  if (!latest || now - latest.t > WATCH_MS || fields.status === "unknown" || fields.value === undefined) return out;
  const history = [...ctx.history, { t: now, status: fields.status, value: fields.value }];
  const span = (from: number, to: number) =>
    plan.def.range
      ? plan.def.range(ctx, plan.params as never, from, to)
      : Promise.resolve(historySeries(history, from, to));
  let series: SeriesPoint[];
  try {
    // each side read at its own resolution: a day-old deploy still gets a fine "before"
    const sides = await Promise.all([
      beforeSide(ctx, latest, now, () => span(latest.t - w.beforeMs, latest.t)),
      span(Math.max(latest.t, now - w.afterMs), now),
    ]);
    series = sides.flat();
  } catch (err) {
    // the comparison is an addition: its failure is noted, the value still stands
    const note = `deploy comparison: ${(err as Error).message}`;
    return { ...out, error: out.error ? `${out.error}; ${note}` : note };
  }
  const figures = beforeAfter(series, latest.t, now, w);
  if (!figures) return out;
  return withImpact(out, judgeImpact(latest, figures, input.previous?.impact, plan.title, now, w), w);
}

/** The scheduler's step after a poll: tiles with `deploys` get their marks and impact; others pass as they are. */
export function afterPoll(
  fields: TileFields,
  plan: TilePlan,
  ctx: PollContext,
  previous: Tile | undefined,
  events: WatchInput["events"],
): TileFields | Promise<TileFields> {
  const deploys = plan.deploys;
  if (!deploys || !fields || typeof fields.status !== "string") return fields;
  return watchDeploys(fields, { plan: { ...plan, deploys }, ctx, events, previous });
}
