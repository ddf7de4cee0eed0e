/**
 * The before/after maths of a deploy, pure: which deploys a metric tile marks, the medians of the
 * metric before the deploy and in the latest window since, the verdict, and what the TV says.
 * Medians, not means: the few samples that straddle the deploy (a scrape still showing the old
 * value) move a mean but not the middle of the window.
 */
import { worstStatus, type DeployImpact, type DeployMarker, type SeriesPoint, type TileEvent } from "../contract.ts";
import type { TileFields } from "../contract.ts";
import { formatAge } from "../durations.ts";
import { isSort } from "../history/entry.ts";
import type { DeployWatch } from "../plan.ts";

/** A deploy is compared for this long after it (or until the next one). */
export const WATCH_MS = 24 * 3_600_000;

/** Successful deploys of the named sources, oldest first. */
export function deployMarkers(events: readonly TileEvent[], sources: readonly string[]): DeployMarker[] {
  return events
    .filter((e) => isSort(e, "deploy") && sources.includes(e.tile) && (e.note === "ok" || e.status === "succeeded"))
    .sort((a, b) => a.t - b.t)
    .map((e) => ({ t: e.t, version: e.version ?? null, environment: e.environment ?? null, source: e.tile }));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Figures {
  before: number;
  after: number;
  /** (after − before) / |before|; null when before is 0. */
  change: number | null;
}

/**
 * The median over [t − before, t) against the median over the latest `after` window since the deploy,
 * (max(t, now − after), now]. Null while either side has no point.
 */
export function beforeAfter(
  series: readonly SeriesPoint[],
  t: number,
  now: number,
  w: Pick<DeployWatch, "beforeMs" | "afterMs">,
): Figures | null {
  const from = Math.max(t, now - w.afterMs);
  const before = median(series.filter((p) => p.t >= t - w.beforeMs && p.t < t).map((p) => p.v));
  const after = median(series.filter((p) => p.t > from && p.t <= now).map((p) => p.v));
  if (before === null || after === null) return null;
  return { before, after, change: before === 0 ? null : (after - before) / Math.abs(before) };
}

/** The change passed the threshold in the bad direction. */
export function regressed(change: number | null, w: Pick<DeployWatch, "threshold" | "direction">): boolean {
  if (change === null) return false;
  return w.direction === "up" ? change >= w.threshold : change <= -w.threshold;
}

function percent(change: number): string {
  const n = Math.round(change * 100);
  return `${n > 0 ? "+" : ""}${n} %`;
}

function deployName(m: DeployMarker): string {
  return m.version ? `deploy ${m.version}` : "the deploy";
}

/**
 * The impact of the latest deploy now, given the one the tile showed before (for "cleared"): a
 * regression says so; one that clears says that for one `after` window, then the tile is quiet again.
 */
export function judgeImpact(
  marker: DeployMarker,
  figures: Figures,
  previous: DeployImpact | undefined,
  title: string,
  now: number,
  w: Pick<DeployWatch, "threshold" | "direction" | "afterMs">,
): DeployImpact {
  const bad = regressed(figures.change, w);
  const impact: DeployImpact = { marker, ...figures, regressed: bad };
  const same = previous?.marker.t === marker.t && previous.marker.source === marker.source;
  if (bad) {
    impact.text = `${title} ${percent(figures.change!)} since ${deployName(marker)} (${formatAge(now - marker.t)} ago)`;
    return impact;
  }
  const clearedAt = same ? (previous.regressed ? now : previous.clearedAt) : undefined;
  if (clearedAt !== undefined) impact.clearedAt = clearedAt;
  if (clearedAt !== undefined && now - clearedAt < w.afterMs) {
    const now_ = figures.change === null ? "" : ` (${percent(figures.change)} now)`;
    impact.text = `${title}: the regression since ${deployName(marker)} has cleared${now_}`;
  }
  return impact;
}

/** The tile with the impact applied: a regression can only make it worse, never ok; unknown stays unknown. */
export function withImpact(
  fields: TileFields,
  impact: DeployImpact | undefined,
  w: Pick<DeployWatch, "status">,
): TileFields {
  if (!impact) return fields;
  const out: TileFields = { ...fields, impact };
  if (fields.status === "unknown") return out;
  if (impact.regressed) out.status = worstStatus([fields.status, w.status]);
  if (impact.text) out.summary = fields.summary ? `${impact.text} · ${fields.summary}` : impact.text;
  return out;
}
