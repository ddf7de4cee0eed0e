/**
 * The one tile rule of the `environments` family, shared by every deploy kind:
 * lanes in the configured order (dev → staging → production) → tile fields.
 * Red when the latest deploy to any environment failed; amber when the last
 * lane (production) has run an older version than the lane before it for
 * longer than `behindWarnAfter`; grey when a lane's state is not understood
 * (never a false green); green otherwise. Pure.
 */
import { z } from "zod";
import type { DeployStatus, EnvironmentLane, Status, TileFields, TileItem } from "../../contract.ts";
import { worstStatus } from "../../contract.ts";
import { DURATION_PATTERN, ago, formatAge, parseDuration } from "../../durations.ts";

/** Params every environments kind takes. */
export const laneParams = {
  behindWarnAfter: z
    .string()
    .regex(new RegExp(DURATION_PATTERN), 'must be a duration such as "2d" or "12h"')
    .default("1d")
    .describe(
      "Amber once production (the last lane) has run an older version than the lane before it this long; default 1d.",
    ),
  recent: z.number().int().min(1).max(50).default(5).describe("Recent deploys kept per environment for the detail."),
};

/** A lane as a kind reads it, before the rule colours it. */
export interface LaneReading {
  environment: string;
  version: string | null;
  deploy: DeployStatus;
  at?: string;
  by?: string;
  url?: string;
  behind?: number;
  recent?: TileItem[];
  /** The version the newest deploy tried to roll out, when it differs from what runs (a failed deploy). */
  attempted?: string;
  /** Why this lane is unknown (an unknown upstream value, a missing environment). */
  problem?: string;
  /** The lane is broken although its last deploy went through (Argo CD Degraded, Available false). */
  fail?: string;
  /** The lane is out of step in a way its upstream judges itself (Argo CD OutOfSync too long). */
  warn?: string;
  /** A deploy is running (Argo CD Progressing, a rollout updating replicas). */
  running?: boolean;
}

const WORD: Record<DeployStatus, string> = {
  succeeded: "succeeded",
  failed: "failed",
  in_progress: "deploying",
  rolled_back: "rolled back",
  unknown: "unknown",
};

export function deployWord(d: DeployStatus): string {
  return WORD[d];
}

function laneStatus(r: LaneReading): Status {
  if (r.problem || r.deploy === "unknown") return "unknown";
  if (r.deploy === "failed" || r.fail) return "fail";
  if (r.deploy === "rolled_back" || r.warn) return "warn";
  return "ok";
}

/**
 * Since when `lane` has lagged `before`: from the first deploy to `before` after
 * `lane`'s own latest deploy (`before` moved on and `lane` did not follow).
 */
function behindSince(lane: LaneReading, before: LaneReading): string | undefined {
  if (!before.at) return undefined;
  const mine = lane.at ? Date.parse(lane.at) : -Infinity;
  const later = (before.recent ?? [])
    .map((d) => d.at)
    .filter((t): t is string => !!t && Date.parse(t) > mine)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return later[0] ?? before.at;
}

/** Is `lane` running an older version than `before`? Commit counts when known, else deploy times. */
function isBehind(lane: LaneReading, before: LaneReading): boolean {
  if (lane.version === null || before.version === null || lane.version === before.version) return false;
  if (before.deploy !== "succeeded") return false;
  if (lane.behind !== undefined) return lane.behind > 0;
  return !!before.at && !!lane.at && Date.parse(before.at) > Date.parse(lane.at);
}

/** The tag of an image reference (registry:5000/api:1.4.3 → 1.4.3; a digest → its first 12 hex). */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  if (at >= 0)
    return image
      .slice(at + 1)
      .replace(/^sha256:/, "")
      .slice(0, 12);
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > slash ? image.slice(colon + 1) : "latest";
}

export interface LaneOptions {
  now: Date;
  behindWarnAfter: string;
  /** What the lanes are of, for the summary ("api"). */
  subject?: string;
}

export function lanesTile(readings: readonly LaneReading[], o: LaneOptions): TileFields {
  const lanes: EnvironmentLane[] = readings.map((r) => {
    const lane: EnvironmentLane = {
      environment: r.environment,
      version: r.version,
      deploy: r.deploy,
      status: laneStatus(r),
    };
    if (r.at) lane.at = r.at;
    if (r.by) lane.by = r.by;
    if (r.url) lane.url = r.url;
    if (r.behind !== undefined) lane.behind = r.behind;
    if (r.recent) lane.recent = r.recent;
    return lane;
  });
  if (lanes.length === 0) return { status: "unknown", summary: "no environments", error: "no environments found" };
  const running = readings.some((r) => r.running || r.deploy === "in_progress");
  const problems = readings.filter((r) => r.problem || r.deploy === "unknown");
  const error = problems.length
    ? problems.map((r) => `${r.environment}: ${r.problem ?? "deploy state unknown"}`).join("; ")
    : undefined;
  const last = readings[readings.length - 1]!;
  const before = readings.length > 1 ? readings[readings.length - 2]! : undefined;
  let behind: { text: string; since: string | undefined } | undefined;
  if (before && isBehind(last, before)) {
    const since = behindSince(last, before);
    const lagMs = since ? o.now.getTime() - Date.parse(since) : 0;
    const count = last.behind !== undefined ? `${last.behind} commit${last.behind === 1 ? "" : "s"} ` : "";
    if (lagMs > parseDuration(o.behindWarnAfter)!) {
      behind = { text: `${last.environment} is ${count}behind ${before.environment} for ${formatAge(lagMs)}`, since };
      const lane = lanes[lanes.length - 1]!;
      if (lane.status === "ok") lane.status = "warn";
    }
  }
  const base = { lanes, running, ...(error ? { error } : {}) };

  const failed = readings.filter((r) => r.deploy === "failed" || r.fail);
  if (failed.length) {
    const f = failed[failed.length - 1]!;
    const when = f.at ? ` · ${ago(f.at, o.now)}` : "";
    const tried = f.attempted ?? f.version;
    // A broken lane whose last deploy went through: who deployed when says nothing about the breakage.
    if (f.deploy !== "failed") return { ...base, status: "fail", summary: `${f.environment} ${f.fail!}` };
    return {
      ...base,
      status: "fail",
      summary: `${f.environment} deploy${tried ? ` of ${tried}` : ""} failed${f.by ? ` · ${f.by}` : ""}${when}`,
      since: f.at ?? null,
      people: [...new Set(failed.flatMap((r) => (r.by ? [r.by] : [])))],
    };
  }
  if (problems.length) return { ...base, status: "unknown", summary: `${problems[0]!.environment}: state unknown` };

  if (behind) return { ...base, status: "warn", summary: behind.text, since: behind.since ?? null };
  const warned = readings.find((r) => r.warn || r.deploy === "rolled_back");
  const status = worstStatus(lanes.map((l) => l.status));
  if (warned)
    return { ...base, status, summary: `${warned.environment}: ${warned.warn ?? `rolled back to ${warned.version}`}` };
  return { ...base, status, summary: `${last.environment} on ${last.version ?? "—"}` };
}
