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
  /** Sparkline points. */
  series?: SeriesPoint[];
  items?: TileItem[];
  /** Culprits, assignees, on-call. */
  people?: string[];
  /** Upstream link: http(s) only. */
  url?: string;
  /** Last poll error, human readable, secrets redacted. */
  error?: string;
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
  series?: SeriesPoint[];
  items?: TileItem[];
  people?: string[];
  url?: string;
  /** A partial problem worth showing although the poll succeeded (e.g. an unknown enum value). */
  error?: string;
}

export interface HistoryEntry {
  t: number;
  status: Status;
  value?: number;
}

export interface TileDetail extends Tile {
  history: HistoryEntry[];
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
export type TileFamily = "build" | "metric" | "list" | "people" | "check";

export interface HelloMessage {
  type: "hello";
  version: string;
  title: string;
  boards: BoardInfo[];
  /** kind → family for the kinds in this config, so the page needs no list of kinds. */
  families: Record<string, TileFamily>;
  night?: NightSchedule;
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
export interface NoticeMessage {
  type: "notice";
  /** `info` replaces (clears) an earlier error, e.g. after a good reload. */
  level: "error" | "warn" | "info";
  text: string;
}
export interface HeartbeatMessage {
  type: "heartbeat";
  at: string;
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
