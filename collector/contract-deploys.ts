/**
 * The deploy part of the shared contract: environments tiles' lanes, the markers a metric tile's chart
 * draws at each deploy and the before/after figures (issue 14). Re-exported by `contract.ts`.
 */
import type { Status, TileItem } from "./contract.ts";

/** One environment's deploy state, e.g. a deploy status upstream names "success" → "succeeded". */
export type DeployStatus = "succeeded" | "failed" | "in_progress" | "rolled_back" | "unknown";

/** One lane of an `environments` tile, in the configured order (dev → staging → production). */
export interface EnvironmentLane {
  environment: string;
  /** Tag, short sha or image tag deployed there; null when upstream names none. */
  version: string | null;
  deploy: DeployStatus;
  /** This lane's colour (failed → fail, in progress → ok+running, behind too long → warn, unknown → unknown). */
  status: Status;
  /** ISO time of the latest deploy. */
  at?: string;
  by?: string;
  /** http(s) only (the store drops anything else). */
  url?: string;
  /** Commits this lane is behind the lane before it, when upstream can tell (GitHub compare `behind_by`). */
  behind?: number;
  /** Recent deploys to this environment for the detail view, newest first. */
  recent?: TileItem[];
}

/** A deploy drawn on a metric tile's chart: from a deploy-events source, a `deploy: true` CI tile or a lane. */
export interface DeployMarker {
  /** epoch milliseconds */
  t: number;
  version: string | null;
  environment: string | null;
  /** The id of the tile the deploy came from. */
  source: string;
}

/**
 * The metric before and after a deploy: medians of the `before` window up to the deploy and of the
 * latest `after` window since it. `change` is (after − before) / |before|, null when before is 0.
 */
export interface DeployImpact {
  marker: DeployMarker;
  before: number;
  after: number;
  change: number | null;
  /** The change passed the threshold in the bad direction: the tile turns `regression.status`. */
  regressed: boolean;
  /** A regression of this deploy was seen and has cleared (epoch ms when it did). */
  clearedAt?: number;
  /** What the TV says, e.g. "p95 latency +128 % since deploy 1.4.3 (12 min ago)"; absent when nothing to say. */
  text?: string;
}
