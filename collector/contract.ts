/**
 * The shared contract between the collector and the kiosk page: the tile
 * model and the WebSocket messages. Defined once here; `web/` imports these
 * types instead of keeping copies.
 *
 * @example
 * const tile: Tile = {
 *   id: "api-ci", board: "team", title: "API main", kind: "github-actions",
 *   status: "fail", running: true, progress: 0.4, since: "2026-11-29T08:12:00Z",
 *   checkedAt: "2026-11-29T10:26:30Z", stale: false,
 *   summary: "#1432 failed in test · alice · 12 min ago", people: ["alice"],
 * };
 */

/** `unknown` is the zero value: only a completed parse of fresh data may say `ok`. */
export type Status = "ok" | "warn" | "fail" | "unknown";

export const STATUSES: readonly Status[] = ["ok", "warn", "fail", "unknown"];

/** Worst first: a list or aggregate takes the status that sorts first. */
export const STATUS_RANK: Record<Status, number> = { fail: 0, unknown: 1, warn: 2, ok: 3 };

export function worstStatus(statuses: Iterable<Status>, empty: Status = "ok"): Status {
  let worst: Status | undefined;
  for (const s of statuses) if (worst === undefined || STATUS_RANK[s] < STATUS_RANK[worst]) worst = s;
  return worst ?? empty;
}

export interface TileItem {
  title: string;
  status?: Status;
  /** http(s) only; anything else is dropped by the store. */
  url?: string;
  detail?: string;
  /** ISO time, e.g. when the job ran or the alert started. */
  at?: string;
  /** How long it ran, in seconds (a CI job or stage), when upstream says. */
  durationSec?: number;
}

/** The limits a metric is judged by, sent so the detail can draw them on its chart. */
export interface Thresholds {
  warn?: number;
  fail?: number;
  /** "above": high values are bad (CPU); "below": low values are bad (free disk, success rate). */
  direction?: "above" | "below";
}

export interface SeriesPoint {
  /** epoch milliseconds */
  t: number;
  v: number;
}

export interface Tile {
  id: string;
  board: string;
  title: string;
  kind: string;
  status: Status;
  /** A build/deploy is in progress (independent of status). */
  running: boolean;
  /** 0..1, estimated from recent durations. */
  progress?: number;
  /** ISO time the current status began, as far as known ("red for 2h"). */
  since: string | null;
  /** Last successful poll. */
  checkedAt: string | null;
  /** No successful poll within staleAfter → status "unknown". */
  stale: boolean;
  /** One line for the TV. */
  summary: string;
  value?: number;
  unit?: string;
  /** The warn/fail limits `status` was judged by, for the detail's chart. */
  thresholds?: Thresholds;
  /** Sparkline points. */
  series?: SeriesPoint[];
  items?: TileItem[];
  /** `environments` tiles: one lane per environment, in order. */
  lanes?: EnvironmentLane[];
  /** Culprits, assignees, on-call. */
  people?: string[];
  /** Upstream link: http(s) only. */
  url?: string;
  /** Last poll error, human readable, secrets redacted. */
  error?: string;
  /** Who is on it; null when nobody is. Ends by itself when the tile turns ok. */
  claim?: Claim | null;
  /** Epoch ms of the deploys (of the sources in `deploys`) within the sparkline: the TV draws a tick at each. */
  marks?: number[];
  /** The latest deploy's before/after comparison of this metric, while it is being watched. */
  impact?: DeployImpact;
}

import type { DeployImpact, DeployMarker, DeployStatus, EnvironmentLane } from "./contract-deploys.ts";
export type { DeployImpact, DeployMarker, DeployStatus, EnvironmentLane } from "./contract-deploys.ts";

/** "Alice is on it · rolling back 1.4.2": plain text, rendered as text. */
export interface Claim {
  by: string;
  note: string;
  /** ISO time of the claim. */
  at: string;
}

export const CLAIM_NAME_MAX = 60;
export const CLAIM_NOTE_MAX = 200;

/**
 * Claims, releases and fixes, kept with the history. `fixed` records who was on it
 * and `ms` how long the claim lasted; `claim` records `ms` from red to the claim.
 */
export interface TileEvent {
  tile: string;
  /** epoch milliseconds */
  t: number;
  /**
   * `deploy`: a completed run of a `deploy: true` tile, a pushed deploy event or a lane's new version;
   * `note` is "ok" or "fail" (other deploy states keep their word), `ms` commit → deploy when known.
   */
  type: "claim" | "release" | "fixed" | "deploy";
  by?: string;
  note?: string;
  ms?: number;
  /** Deploys: what was deployed, where, its state and an http(s) link. */
  version?: string;
  environment?: string;
  status?: DeployStatus;
  url?: string;
}

/** What a source's poll returns: the upstream-derived part of a tile. */
export interface TileFields {
  status: Status;
  summary: string;
  running?: boolean;
  progress?: number;
  /** Upstream knows when the state began (first failed run, alert startsAt). */
  since?: string | null;
  value?: number;
  unit?: string;
  thresholds?: Thresholds;
  series?: SeriesPoint[];
  items?: TileItem[];
  lanes?: EnvironmentLane[];
  people?: string[];
  url?: string;
  /** A partial problem worth showing although the poll succeeded (e.g. an unknown enum value). */
  error?: string;
  /**
   * When the commit the shown run built was made (ISO), where the CI API says: a `deploy: true` tile's
   * deploy then records its lead time for changes. Kept in the collector, not sent to screens.
   */
  commitAt?: string;
  /** Set by the collector for metric tiles with `deploys`, not by sources. */
  marks?: number[];
  impact?: DeployImpact;
}

export interface HistoryEntry {
  t: number;
  status: Status;
  value?: number;
}

export interface TileDetail extends Tile {
  history: HistoryEntry[];
  /** Claims, releases and fixes of this tile, oldest first. */
  events?: TileEvent[];
  /** A metric tile's deploys (of the sources its `deploys` names) within its history, oldest first. */
  markers?: DeployMarker[];
}

export interface BoardInfo {
  id: string;
  title: string;
  tiles: string[];
  /** `attention`: failing first, ok tiles shrink to a strip; `fixed` (default): config order. */
  layout?: "attention" | "fixed";
}

/** The page dims itself between `from` and `to` (local "HH:MM" on the screen), to `dim` brightness. */
export interface NightSchedule {
  from: string;
  to: string;
  dim: number;
}

export interface StateAnswer {
  rev: number;
  version: string;
  title: string;
  tiles: Tile[];
}

/** How the page draws a kind; each source kind declares its family. */
export type TileFamily = "build" | "metric" | "list" | "people" | "check" | "environments";

export interface HelloMessage {
  type: "hello";
  version: string;
  title: string;
  boards: BoardInfo[];
  /** kind → family for the kinds in this config, so the page needs no list of kinds. */
  families: Record<string, TileFamily>;
  /** The fire warden now; absent or null when the config names none. */
  warden?: WardenNow | null;
  night?: NightSchedule;
}

/** "Fire warden: Alice (until Mon 09:00)"; a hello is sent again when it changes. */
export interface WardenNow {
  /** null when the on-call tile names nobody (or is grey). */
  name: string | null;
  /** ISO end of the turn, when a rota says. */
  until: string | null;
  /** Red tiles unclaimed this long are marked "unclaimed 20 min — Alice?". */
  nudgeAfterMs: number | null;
}
export interface SnapshotMessage {
  type: "snapshot";
  rev: number;
  tiles: Tile[];
}
export interface PatchMessage {
  type: "patch";
  rev: number;
  tiles: Tile[];
  removed: string[];
}
/** `info` replaces (clears) an earlier error, e.g. after a good reload. */
export type NoticeLevel = "error" | "warn" | "info";

export interface NoticeMessage {
  type: "notice";
  level: NoticeLevel;
  text: string;
}
export interface HeartbeatMessage {
  type: "heartbeat";
  at: string;
  /**
   * Per board of the screen, in the hello's tile order: whole seconds before `at` of each tile's
   * last successful poll (rounded up), or null without one. A poll that changes nothing a screen
   * shows sends no patch (issue 12), so this is how the page keeps each tile's `checkedAt` (the
   * data's age) current. Staleness is not derived from it: the collector patches `stale` itself.
   */
  checked?: Record<string, (number | null)[]>;
}

export type ServerMessage = HelloMessage | SnapshotMessage | PatchMessage | NoticeMessage | HeartbeatMessage;

/** Page → server. */
export type ClientMessage = { type: "resync" };

/** WebSocket close code sent on graceful shutdown: screens reconnect at once. */
export const CLOSE_RESTARTING = 4000;
/** Close code for a screen whose send buffer grew past the limit. */
export const CLOSE_TOO_SLOW = 4001;
/** Close code for an unknown board id. */
export const CLOSE_UNKNOWN_BOARD = 4004;

export const HEARTBEAT_MS = 15_000;
export const SILENCE_RECONNECT_MS = 40_000;
