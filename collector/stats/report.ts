/** `GET /api/stats`: the figures for a board (or every board, or one tile) over N days, from the history. */
import type { HistoryEntry, TileEvent } from "../contract.ts";
import type { HistoryBackend } from "../history/types.ts";
import type { Plan } from "../plan.ts";
import { DAY_MS, boardStats, doraStats, tileStats, type DoraStats, type TileStats } from "./compute.ts";

export interface WeekStats {
  from: string;
  greenShare: number | null;
  redSpells: number;
  mttrMs: number | null;
}

export interface TileStatsReport extends TileStats {
  id: string;
  title: string;
  board: string;
  dora?: DoraStats;
}

export interface StatsReport {
  board: string | null;
  tile: string | null;
  days: number;
  from: string;
  to: string;
  /** The board's (or the tile's) figures over the window. */
  summary: TileStats;
  /** The same over the window before, for "▲" and "▼". */
  previous: TileStats;
  tiles: TileStatsReport[];
  /** One bar per week, oldest first, for the detail view's chart. */
  weeks: WeekStats[];
}

export interface StatsQuery {
  board?: string;
  tile?: string;
  days: number;
  now: number;
}

export function statsReport(history: HistoryBackend, plan: Plan, q: StatsQuery): StatsReport {
  const to = q.now,
    from = to - q.days * DAY_MS;
  const wanted = plan.tiles.filter((t) => (!q.board || t.board === q.board) && (!q.tile || t.id === q.tile));
  const data = wanted.map((t) => ({
    plan: t,
    entries: history.changes(t.id) as HistoryEntry[],
    events: history.events(t.id, to - 2 * q.days * DAY_MS) as TileEvent[],
  }));
  const tiles = data.map(({ plan: p, entries, events }): TileStatsReport => {
    const s = tileStats(entries, events, from, to);
    return {
      id: p.id,
      title: p.title,
      board: p.board,
      ...s,
      ...(p.deploy ? { dora: doraStats(events, s, from, to) } : {}),
    };
  });
  const weeks: WeekStats[] = [];
  for (let end = to; end > from; end -= 7 * DAY_MS) {
    const start = Math.max(from, end - 7 * DAY_MS);
    const w = boardStats(data, start, end);
    weeks.unshift({
      from: new Date(start).toISOString(),
      greenShare: w.greenShare,
      redSpells: w.redSpells,
      mttrMs: w.mttrMs,
    });
  }
  return {
    board: q.board ?? null,
    tile: q.tile ?? null,
    days: q.days,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    summary: boardStats(data, from, to),
    previous: boardStats(data, from - q.days * DAY_MS, from),
    tiles,
    weeks,
  };
}
