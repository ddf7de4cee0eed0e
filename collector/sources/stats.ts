/**
 * Team stats on the TV: "MTTR this week 18 min ▼ · 5 days since main was red".
 * The upstream is this collector's own `GET /api/stats`, so the tile follows
 * the same history the detail view shows.
 */
import { z } from "zod";
import { defineSource } from "./define.ts";
import type { TileFields } from "../contract.ts";
import type { StatsReport } from "../stats/report.ts";
import { formatAge } from "../durations.ts";
import { parseAnswer } from "./lib/answer-shape.ts";

const params = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .default("http://127.0.0.1:8080")
    .describe('This collector\'s own address, e.g. "${RADIATOR_URL:-http://127.0.0.1:8080}".'),
  board: z.string().optional().describe("The board whose figures to show; left out = every board."),
  tile: z.string().optional().describe("One tile's figures instead of a board's."),
  days: z.number().int().min(1).max(90).default(7).describe('The window: 7 says "this week".'),
  name: z.string().optional().describe('What "since … was red" names; default the board or tile id ("main").'),
});
type Params = z.infer<typeof params>;

const figures = z.object({
  greenShare: z.number().nullable(),
  redSpells: z.number(),
  mttrMs: z.number().nullable(),
  daysSinceRed: z.number().nullable(),
});
const answer = z.object({ days: z.number(), summary: figures, previous: figures });

function windowName(days: number): string {
  return days === 7 ? "this week" : days === 1 ? "today" : `over ${days} days`;
}

/** ▼ when time to green got shorter than in the window before, ▲ when longer. */
function trend(now: number | null, before: number | null): string {
  if (now === null || before === null || now === before) return "";
  return now < before ? " ▼" : " ▲";
}

export function toTileFields(body: unknown, p: Params): TileFields {
  const r = parseAnswer(answer, body, "stats") as Pick<StatsReport, "days" | "summary" | "previous">;
  const s = r.summary,
    name = p.name ?? p.tile ?? p.board ?? "the board";
  const parts = [
    s.mttrMs === null
      ? `no red spell ended ${windowName(r.days)}`
      : `MTTR ${windowName(r.days)} ${formatAge(s.mttrMs)}${trend(s.mttrMs, r.previous.mttrMs)}`,
  ];
  if (s.daysSinceRed === 0) parts.push(`${name} is red now`);
  else if (s.daysSinceRed !== null)
    parts.push(`${s.daysSinceRed} day${s.daysSinceRed === 1 ? "" : "s"} since ${name} was red`);
  if (s.greenShare !== null) parts.push(`${Math.floor(s.greenShare * 1000) / 10} % green`);
  // figures, not health: amber while something it covers is red, grey before the history covers the window
  const status = s.greenShare === null ? "unknown" : s.daysSinceRed === 0 ? "warn" : "ok";
  return {
    status,
    summary: parts.join(" · "),
    ...(s.mttrMs !== null ? { value: Math.round(s.mttrMs / 60_000), unit: "min MTTR" } : {}),
  };
}

export default defineSource({
  kind: "stats",
  family: "metric",
  description:
    "Team stats from this collector's history: MTTR this week with its trend, days since the last red, share of time green.",
  notes:
    "Reads `GET /api/stats` of the collector itself (set `url` to its address). Unknown until the history covers the window.",
  params,
  every: "1m",
  async load(ctx, p) {
    const query: Record<string, string> = { days: String(p.days) };
    if (p.board) query.board = p.board;
    if (p.tile) query.tile = p.tile;
    return (await ctx.http.json(`${p.url.replace(/\/$/, "")}/api/stats`, { query, signal: ctx.signal })).body;
  },
  normalise: (body, p) => toTileFields(body, p),
});
