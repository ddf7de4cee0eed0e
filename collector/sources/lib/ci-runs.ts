/**
 * What every CI kind shares: from a service's runs (newest first), each already
 * given a verdict by its kind's own mapping table, to the fields of a build tile.
 * No service is named here; kind knowledge stays in each kind's file.
 */
import { STATUS_RANK, type Status, type Tile, type TileFields, type TileItem } from "../../contract.ts";
import { ago } from "../../durations.ts";
import { safeLink } from "../../links.ts";

/**
 * What one run says about the branch: a completed verdict; `running` (queued or
 * in progress); `skip` (cancelled, skipped, manual…: says nothing, passed over);
 * `unknown` (a value the mapping table does not know: never green).
 */
export type Verdict = "ok" | "warn" | "fail" | "running" | "skip" | "unknown";

export interface Run {
  /** "#1432" */
  label: string;
  verdict: Verdict;
  /** The upstream's own value, named in `error` when the verdict is unknown. */
  state: string;
  /** Which enum `state` came from, when a kind reads more than one: `GitHub status`. */
  field?: string;
  /** Words for the summary, e.g. "timed out"; defaults by verdict. */
  outcome?: string;
  /** ISO times. */
  startedAt?: string;
  finishedAt?: string;
  durationSec?: number;
  /** When the commit the run built was made, for the DORA lead time. */
  commitAt?: string;
  url?: string;
  /** Authors of the commits the run built, else whoever triggered it. */
  people?: string[];
}

/** An enum value looked up in a kind's table; a value the table lacks is `unknown`. */
export function lookup<V extends string>(table: Readonly<Record<string, V>>, value: unknown): V | "unknown" {
  return typeof value === "string" && Object.hasOwn(table, value) ? table[value]! : "unknown";
}

/** Index of the run the tile reports: the newest that says something (or is unmapped). */
export function decisiveIndex(runs: readonly Run[]): number {
  return runs.findIndex((r) => r.verdict !== "running" && r.verdict !== "skip");
}

/**
 * The previous poll's items when it showed the same completed run with the same
 * status: a finished run's jobs do not change, so they need not be fetched again.
 */
export function reusable(previous: Tile | undefined, run: Run | undefined): Reused | undefined {
  if (!previous || !run || previous.url === undefined || previous.url !== safeLink(run.url)) return undefined;
  return previous.status === run.verdict && previous.items?.length
    ? { items: previous.items, people: previous.people }
    : undefined;
}

/** What a previous poll already learnt about the run shown. */
export type Reused = Pick<Tile, "items" | "people">;

/** What a CI kind's `load` returns: the runs list, the decisive run's jobs (or stages) when read, else what it reused. */
export interface CiAnswer {
  body: unknown;
  jobs?: unknown;
  reused?: Reused;
}

/** Failing first (fail, unknown, warn, ok, none), otherwise in the upstream's order. */
export function failingFirst(items: readonly TileItem[]): TileItem[] {
  const rank = (i: TileItem) => (i.status ? STATUS_RANK[i.status] : 4);
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map((x) => x.item);
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}

export interface BuildTileOptions {
  now: Date;
  /** Names the enum in errors: `GitHub conclusion`. */
  field: string;
  /** Jobs or stages of the decisive run. */
  items?: TileItem[];
  /** Where the runs came from, for an empty list: "main". */
  branch?: string;
}

const WORDS: Record<string, string> = { ok: "passed", warn: "unstable", fail: "failed" };
function isCompleted(v: Verdict): v is "ok" | "warn" | "fail" {
  return v === "ok" || v === "warn" || v === "fail";
}

/** Runs whose durations feed the progress estimate. */
const MEDIAN_OF = 10;

export function buildTileFields(runs: readonly Run[], o: BuildTileOptions): TileFields {
  const at = decisiveIndex(runs);
  const current = runs.slice(0, at < 0 ? runs.length : at).find((r) => r.verdict === "running");
  const completed = runs.filter((r) => isCompleted(r.verdict));
  const series = completed
    .filter((r) => r.durationSec !== undefined && (r.startedAt ?? r.finishedAt))
    .map((r) => ({ t: Date.parse((r.startedAt ?? r.finishedAt)!), v: Math.round(r.durationSec!) }))
    .filter((p) => Number.isFinite(p.t))
    .reverse();
  const running = current !== undefined;
  const progress = current ? estimateProgress(current, completed, o.now) : undefined;
  const runningNote = current ? ` · ${current.label} running` : "";

  const run = runs[at];
  if (!run) {
    const summary =
      runs.length === 0
        ? `no runs${o.branch ? ` on ${o.branch}` : ""}`
        : `no completed run among the last ${runs.length}`;
    return { status: "unknown", summary: summary + runningNote, running, progress, series };
  }
  const url = safeLink(run.url);
  const status = run.verdict;
  if (!isCompleted(status)) {
    const error = `unknown ${run.field ?? o.field} "${run.state}" on ${run.label}`;
    return { status: "unknown", summary: `${run.label}: ${error}`, error, running, progress, series, url };
  }
  const streak = [run];
  for (const older of runs.slice(at + 1)) {
    if (older.verdict === "running" || older.verdict === "skip") continue;
    if (older.verdict !== status) break;
    streak.push(older);
  }
  const first = streak[streak.length - 1]!;
  const since = first.finishedAt ?? first.startedAt ?? null;
  // The one who broke it first, then the others who pushed onto the red branch.
  const people =
    status === "ok"
      ? undefined
      : [
          ...new Set(
            streak
              .slice()
              .reverse()
              .flatMap((r) => r.people ?? []),
          ),
        ];
  const items = o.items ? failingFirst(o.items) : undefined;
  const failedIn = status !== "ok" ? items?.find((i) => i.status === "fail" || i.status === "warn")?.title : undefined;
  const when = run.finishedAt ?? run.startedAt;
  const parts = [
    `${run.label} ${run.outcome ?? WORDS[status]}${failedIn ? ` in ${failedIn}` : ""}`,
    ...(run.people?.[0] ? [run.people[0]] : []),
    ...(when ? [ago(when, o.now)] : []),
  ];
  const summary = parts.join(" · ") + runningNote;
  const fields: TileFields = { status, summary, running, progress, since, people, items, series, url };
  if (run.commitAt) fields.commitAt = run.commitAt;
  return fields;
}

/** Elapsed ÷ median duration of recent successful runs, held below 1 while still running. */
function estimateProgress(current: Run, completed: readonly Run[], now: Date): number | undefined {
  const typical = median(
    completed
      .filter((r) => r.verdict === "ok" && r.durationSec)
      .slice(0, MEDIAN_OF)
      .map((r) => r.durationSec!),
  );
  const started = current.startedAt ? Date.parse(current.startedAt) : NaN;
  if (!typical || !Number.isFinite(started)) return undefined;
  const p = Math.max(0, (now.getTime() - started) / 1000 / typical);
  return Math.round(Math.min(0.99, p) * 100) / 100;
}

/** Seconds between two ISO times, when both are known and in order. */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined): number | undefined {
  if (!from || !to) return undefined;
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

/** A job's verdict as an item status: running and passed-over jobs carry none. */
export function itemStatus(v: Verdict): Status | undefined {
  return v === "running" || v === "skip" ? undefined : v;
}

/** A job or stage as a tile item, with its link made safe. */
export function jobItem(
  title: string,
  status: Status | undefined,
  url: unknown,
  detail?: string,
  at?: string | null,
  durationSec?: number | null,
): TileItem {
  const item: TileItem = { title, status };
  const link = safeLink(url);
  if (link) item.url = link;
  if (detail) item.detail = detail;
  if (at) item.at = at;
  // A running or skipped job (no status) has no finished duration: Jenkins says 0 for a stage never run.
  if (status && typeof durationSec === "number" && Number.isFinite(durationSec) && durationSec >= 0)
    item.durationSec = Math.round(durationSec);
  return item;
}
