import type { Status } from "./contract.ts";

export interface Thresholds {
  warn?: number;
  fail?: number;
  /** "above": high values are bad (CPU); "below": low values are bad (free disk, success rate). */
  direction?: "above" | "below";
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
