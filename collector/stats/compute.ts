/**
 * Team stats from the collector's own history: pure maths over status changes
 * and claim/deploy events in a window [from, to). A red spell starts when a
 * tile turns `fail` and ends when it is next `ok` (a warning or a grey blip in
 * between does not end it): its length is the time to green.
 */
import type { HistoryEntry, Status, TileEvent } from "../contract.ts";
import { isSort } from "../history/entry.ts";

/** An event of this sort (claim, deploy…) inside [from, to). */
function within(e: TileEvent, sort: TileEvent["type"], from: number, to: number): boolean {
  return isSort(e, sort) && e.t >= from && e.t < to;
}

export const DAY_MS = 86_400_000;

export interface Spell {
  start: number;
  /** null while still red */
  end: number | null;
}

export interface TileStats {
  /** ok time / time the history covers in the window; null when it covers none */
  greenShare: number | null;
  redSpells: number;
  /** mean time to green of the spells that ended in the window */
  mttrMs: number | null;
  longestRedMs: number | null;
  /** mean time from red to a claim, over the claims in the window */
  timeToClaimMs: number | null;
  /** the status now and for how long */
  streak: { status: Status; ms: number } | null;
  /** whole days since a red spell last ended; 0 while red; null when never red in the history */
  daysSinceRed: number | null;
}

export interface DoraStats {
  deploys: number;
  /** successful deploys per day */
  perDay: number;
  /** failed deploys / deploys; null without deploys */
  changeFailureRate: number | null;
  /** mean commit → successful deploy where commit times are known; null otherwise */
  leadTimeMs: number | null;
  /** the tile's MTTR */
  timeToRestoreMs: number | null;
}

/** Status changes only, oldest first: consecutive entries of the same status are one. */
export function changes(entries: readonly HistoryEntry[]): { t: number; status: Status }[] {
  const out: { t: number; status: Status }[] = [];
  for (const e of [...entries].sort((a, b) => a.t - b.t))
    if (out.at(-1)?.status !== e.status) out.push({ t: e.t, status: e.status });
  return out;
}

/** Every red spell in the history (not clipped to a window). */
export function redSpells(entries: readonly HistoryEntry[]): Spell[] {
  const spells: Spell[] = [];
  let open: Spell | null = null;
  for (const c of changes(entries)) {
    if (c.status === "fail" && !open) spells.push((open = { start: c.t, end: null }));
    else if (c.status === "ok" && open) {
      open.end = c.t;
      open = null;
    }
  }
  return spells;
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** ms spent in each status within [from, to), from the change before `from` on. */
export function timeIn(entries: readonly HistoryEntry[], from: number, to: number): Record<Status, number> {
  const out: Record<Status, number> = { ok: 0, warn: 0, fail: 0, unknown: 0 };
  const cs = changes(entries);
  cs.forEach((c, i) => {
    const start = Math.max(c.t, from),
      end = Math.min(cs[i + 1]?.t ?? to, to);
    if (end > start) out[c.status] += end - start;
  });
  return out;
}

export function tileStats(
  entries: readonly HistoryEntry[],
  events: readonly TileEvent[],
  from: number,
  to: number,
): TileStats {
  const time = timeIn(entries, from, to);
  const covered = time.ok + time.warn + time.fail + time.unknown;
  const all = redSpells(entries);
  const inWindow = all.filter((s) => s.start < to && (s.end === null || s.end >= from));
  const ended = all.filter((s) => s.end !== null && s.end >= from && s.end < to).map((s) => s.end! - s.start);
  const longest = inWindow.map((s) => (s.end ?? to) - s.start);
  const claims = events.filter((e) => within(e, "claim", from, to) && e.ms !== undefined).map((e) => e.ms!);
  const cs = changes(entries.filter((e) => e.t < to));
  const last = cs.at(-1);
  const lastSpell = all.filter((s) => s.start < to).at(-1);
  let daysSinceRed: number | null = null;
  if (lastSpell)
    daysSinceRed = lastSpell.end === null || lastSpell.end > to ? 0 : Math.floor((to - lastSpell.end) / DAY_MS);
  return {
    greenShare: covered > 0 ? time.ok / covered : null,
    redSpells: inWindow.length,
    mttrMs: mean(ended),
    longestRedMs: longest.length ? Math.max(...longest) : null,
    timeToClaimMs: mean(claims),
    streak: last ? { status: last.status, ms: to - last.t } : null,
    daysSinceRed,
  };
}

/** DORA measures of a deploying tile from its `deploy` events (status ok or fail; `ms` = commit → deploy). */
export function doraStats(events: readonly TileEvent[], stats: TileStats, from: number, to: number): DoraStats {
  const deploys = events.filter((e) => within(e, "deploy", from, to));
  const ok = deploys.filter((e) => e.note === "ok");
  const leads = ok.filter((e) => e.ms !== undefined).map((e) => e.ms!);
  return {
    deploys: deploys.length,
    perDay: ok.length / ((to - from) / DAY_MS),
    changeFailureRate: deploys.length ? deploys.filter((e) => e.note === "fail").length / deploys.length : null,
    leadTimeMs: mean(leads),
    timeToRestoreMs: stats.mttrMs,
  };
}

/** A board's figures from its tiles': time-weighted green share, spells summed, MTTR over all spells. */
export function boardStats(
  tiles: { entries: readonly HistoryEntry[]; events: readonly TileEvent[] }[],
  from: number,
  to: number,
): TileStats {
  let ok = 0,
    covered = 0;
  const ended: number[] = [],
    claims: number[] = [];
  let spells = 0,
    longest: number | null = null,
    daysSinceRed: number | null = null;
  for (const t of tiles) {
    const time = timeIn(t.entries, from, to);
    ok += time.ok;
    covered += time.ok + time.warn + time.fail + time.unknown;
    const s = tileStats(t.entries, t.events, from, to);
    spells += s.redSpells;
    if (s.longestRedMs !== null) longest = Math.max(longest ?? 0, s.longestRedMs);
    if (s.daysSinceRed !== null) daysSinceRed = Math.min(daysSinceRed ?? Infinity, s.daysSinceRed);
    ended.push(
      ...redSpells(t.entries)
        .filter((x) => x.end !== null && x.end >= from && x.end < to)
        .map((x) => x.end! - x.start),
    );
    claims.push(...t.events.filter((e) => within(e, "claim", from, to) && e.ms !== undefined).map((e) => e.ms!));
  }
  return {
    greenShare: covered > 0 ? ok / covered : null,
    redSpells: spells,
    mttrMs: mean(ended),
    longestRedMs: longest,
    timeToClaimMs: mean(claims),
    streak: null,
    daysSinceRed,
  };
}
