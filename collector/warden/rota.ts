/**
 * Who is fire warden now, and which red tiles should nag them: pure functions
 * of the config, the clock and the tiles (the page uses `nudgeText` too).
 */
import type { Tile, WardenNow } from "../contract.ts";
import { formatAge, parseDuration } from "../durations.ts";
import type { WardenConfig } from "./config.ts";

/** "2026-11-30T09:00" in the collector's local time, as epoch ms. */
export function parseLocal(text: string): number {
  const [date, time = "00:00"] = text.split("T");
  const [y, mo, d] = date!.split("-").map(Number);
  const [h, mi, s = 0] = time.split(":").map(Number);
  return new Date(y!, mo! - 1, d!, h!, mi!, s).getTime();
}

/** The turn in a rota that started at `fromMs` and changes every `everyMs`; before `fromMs` it counts backwards. */
export function rotaTurn(
  rota: readonly string[],
  fromMs: number,
  everyMs: number,
  now: number,
): { name: string; until: number } {
  const turn = Math.floor((now - fromMs) / everyMs);
  const index = ((turn % rota.length) + rota.length) % rota.length;
  return { name: rota[index]!, until: fromMs + (turn + 1) * everyMs };
}

export function currentWarden(
  cfg: WardenConfig | undefined,
  now: number,
  tile: (id: string) => Tile | undefined,
): WardenNow | null {
  if (!cfg) return null;
  const nudgeAfterMs = cfg.nudgeAfter ? parseDuration(cfg.nudgeAfter)! : null;
  if (cfg.rota) {
    const { name, until } = rotaTurn(cfg.rota, cfg.from ? parseLocal(cfg.from) : 0, parseDuration(cfg.every)!, now);
    return { name, until: new Date(until).toISOString(), nudgeAfterMs };
  }
  // the on-call tile's first person; a grey tile names nobody rather than someone who may be off duty
  const oncall = cfg.tile ? tile(cfg.tile) : undefined;
  const name = oncall && !oncall.stale && oncall.status !== "unknown" ? oncall.people?.[0] : undefined;
  return name ? { name, until: null, nudgeAfterMs } : { name: null, until: null, nudgeAfterMs };
}

/** "unclaimed 20 min — Alice?" for a red tile nobody has claimed for longer than `nudgeAfter`. */
export function nudgeText(tile: Tile, warden: WardenNow | null | undefined, now: number): string | null {
  if (!warden || warden.nudgeAfterMs === null || tile.status !== "fail" || tile.stale || tile.claim || !tile.since)
    return null;
  const red = now - Date.parse(tile.since);
  if (!(red >= warden.nudgeAfterMs)) return null;
  return warden.name ? `unclaimed ${formatAge(red)} — ${warden.name}?` : `unclaimed ${formatAge(red)}`;
}
