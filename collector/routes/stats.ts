/** `GET /api/stats?board=ID&days=N` (and `&tile=ID`): team stats from the history, as JSON. */
import { Hono } from "hono";
import type { Runtime } from "../runtime.ts";
import { statsReport } from "../stats/report.ts";

export const MAX_STATS_DAYS = 90;

export function statsRoutes(rt: () => Runtime, now: () => number = Date.now): Hono {
  return new Hono().get("/api/stats", (c) => {
    const { plan, store } = rt();
    const board = c.req.query("board") || undefined;
    const tile = c.req.query("tile") || undefined;
    const daysText = c.req.query("days") ?? "7";
    const days = Number(daysText);
    if (!/^\d+$/.test(daysText) || days < 1 || days > MAX_STATS_DAYS) {
      return c.json({ error: `days must be a whole number from 1 to ${MAX_STATS_DAYS}, not "${daysText}"` }, 400);
    }
    if (board && !plan.boards.some((b) => b.id === board)) {
      return c.json({ error: `unknown board ${board}; boards: ${plan.boards.map((b) => b.id).join(", ")}` }, 404);
    }
    if (tile && !plan.tiles.some((t) => t.id === tile)) return c.json({ error: `no tile "${tile}"` }, 404);
    return c.json(statsReport(store.historyBackend, plan, { board, tile, days, now: now() }));
  });
}
