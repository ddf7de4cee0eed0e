import type { Status, Thresholds } from "./contract.ts";

export type { Thresholds };

/** The limits a tile carries for its detail chart: only the ones set, none when neither limit is. */
export function shownThresholds(t: Thresholds): Thresholds | undefined {
  const out: Thresholds = {};
  if (t.warn !== undefined && Number.isFinite(t.warn)) out.warn = t.warn;
  if (t.fail !== undefined && Number.isFinite(t.fail)) out.fail = t.fail;
  if (out.warn === undefined && out.fail === undefined) return undefined;
  out.direction = t.direction ?? "above";
  return out;
}

/** ok / warn / fail for a value against thresholds; NaN is never ok. */
export function thresholdStatus(value: number, t: Thresholds): Status {
  if (!Number.isFinite(value)) return "unknown";
  const bad = (limit: number | undefined) =>
    limit !== undefined && (t.direction === "below" ? value <= limit : value >= limit);
  if (bad(t.fail)) return "fail";
  if (bad(t.warn)) return "warn";
  return "ok";
}
