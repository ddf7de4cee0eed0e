/**
 * What the ticket-count kinds share (jira, github-issues, gitlab-issues): a
 * count judged by thresholds, a sparkline of the count over time, and the top
 * issues as items. No service is named here; each kind maps its own answer.
 */
import { z } from "zod";
import type { HistoryEntry, SeriesPoint, TileFields, TileItem } from "../../contract.ts";
import { appendSeries } from "../../series.ts";
import { thresholdStatus } from "../../thresholds.ts";

export const countParams = {
  warn: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Warn when the count is at or above this; left out, the count alone never warns."),
  fail: z.number().int().min(0).optional().describe("Fail when the count is at or above this."),
  limit: z
    .number()
    .int()
    .min(0)
    .max(50)
    .default(10)
    .describe("How many issues to list on the tile (they come in the same request as the count)."),
};

/**
 * The sparkline so far: the previous tile's series, or after a restart the
 * values in the collector's own history, so the line does not start over.
 */
export function seriesSoFar(
  previous: readonly SeriesPoint[] | undefined,
  history: readonly HistoryEntry[] = [],
): SeriesPoint[] | undefined {
  if (previous?.length) return [...previous];
  const points = history.flatMap((h) => (typeof h.value === "number" ? [{ t: h.t, v: h.value }] : []));
  return points.length ? points : undefined;
}

export interface CountAnswer {
  count: number;
  items: TileItem[];
  /** Singular noun for the summary: "issue", "open issue". */
  noun: string;
  /** The same search in the upstream's web UI. */
  url?: string;
  people?: string[];
  /** The count may be short (the upstream said its search was incomplete). */
  incomplete?: string;
}

export function countFields(
  a: CountAnswer,
  t: { warn?: number; fail?: number },
  now: Date,
  series?: readonly SeriesPoint[],
): TileFields {
  let status = thresholdStatus(a.count, t);
  let error: string | undefined;
  // A short count can only hide a worse status, so anything below fail is not trusted.
  if (a.incomplete && status !== "fail") {
    status = "unknown";
    error = a.incomplete;
  }
  const limits = [
    t.warn !== undefined ? `warn at ${t.warn}` : "",
    t.fail !== undefined ? `fail at ${t.fail}` : "",
  ].filter(Boolean);
  return {
    status,
    summary: `${a.count} ${a.noun}${a.count === 1 ? "" : "s"}${limits.length ? ` (${limits.join(", ")})` : ""}`,
    value: a.count,
    series: appendSeries(series, { t: now.getTime(), v: a.count }),
    items: a.items,
    people: a.people?.length ? a.people : undefined,
    url: a.url,
    error,
  };
}

/** Distinct names, in order of first appearance. */
export function distinct(names: Iterable<string | undefined | null>): string[] {
  return [...new Set([...names].filter((n): n is string => typeof n === "string" && n.length > 0))];
}
