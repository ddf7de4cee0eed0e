/** Words and durations for the TV: "red for 2 h 14 min", "no data for 4 min". */
import type { Status, Tile } from "../../../collector/contract.ts";
import { formatAge } from "../../../collector/durations.ts";
import { safeLink } from "../../../collector/redact.ts";

export interface StatusLook {
  icon: string;
  /** The word on the badge: status is never told by colour alone. */
  word: string;
  /** "red for …" on screen */
  colour: string;
  /** "failing for …" for screen readers */
  adjective: string;
}

export const STATUS_LOOK: Record<Status, StatusLook> = {
  ok: { icon: "✔", word: "OK", colour: "green", adjective: "ok" },
  warn: { icon: "▲", word: "WARNING", colour: "amber", adjective: "warning" },
  fail: { icon: "✖", word: "FAILING", colour: "red", adjective: "failing" },
  unknown: { icon: "?", word: "UNKNOWN", colour: "grey", adjective: "unknown" },
};

function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** How long the tile has been in its state, or how old its data is when stale. */
export function stateDuration(tile: Tile, now: number): string {
  if (tile.stale || (tile.status === "unknown" && !tile.checkedAt)) {
    const checked = parseTime(tile.checkedAt);
    return checked === null ? "no data yet" : `no data for ${formatAge(now - checked)}`;
  }
  const since = parseTime(tile.since);
  const look = STATUS_LOOK[tile.status] || STATUS_LOOK.unknown;
  return since === null ? look.colour : `${look.colour} for ${formatAge(now - since)}`;
}

/**
 * Why a tile cannot be trusted and how old its data is, for the tile's face:
 * "GitHub: token rejected · data 12 min old". Null when the data is fresh and clean.
 */
export function whyText(tile: Tile, now: number): string | null {
  if (!tile.stale && !tile.error) return null;
  const checked = parseTime(tile.checkedAt);
  const age = checked === null ? "no data yet" : `data ${formatAge(Math.max(0, now - checked))} old`;
  const reason = tile.error?.trim() || (tile.stale ? "no fresh data" : "");
  return reason ? `${reason} · ${age}` : age;
}

/** "API main: failing for 2 h 14 min" (with running and stale states). */
export function ariaLabel(tile: Tile, now: number): string {
  const look = STATUS_LOOK[tile.status] || STATUS_LOOK.unknown;
  const since = parseTime(tile.since);
  let text = `${tile.title}: `;
  if (tile.stale) text += `unknown, ${stateDuration(tile, now)}`;
  else text += since === null ? look.adjective : `${look.adjective} for ${formatAge(now - since)}`;
  if (tile.running)
    text += tile.progress === undefined ? ", running" : `, running ${Math.round(tile.progress * 100)} %`;
  return text;
}

/** "2 failing · 1 warning · 1 unknown", or "all 11 OK" (with `now`: "all 11 OK · green for 3 h"). */
export function countsText(tiles: readonly Tile[], now?: number): string {
  const n = { fail: 0, warn: 0, unknown: 0, ok: 0 };
  for (const t of tiles) n[t.status in n ? t.status : "unknown"]++;
  const parts: string[] = [];
  if (n.fail) parts.push(`${n.fail} failing`);
  if (n.warn) parts.push(`${n.warn} warning`);
  if (n.unknown) parts.push(`${n.unknown} unknown`);
  if (parts.length) return parts.join(" · ");
  if (!tiles.length) return "no tiles";
  // the board has been all green since its last tile turned green
  const since = Math.max(...tiles.map((t) => parseTime(t.since) ?? -Infinity));
  const green =
    now !== undefined && Number.isFinite(since) ? ` · green for ${formatAge(Math.max(0, now - since))}` : "";
  return `all ${tiles.length} OK${green}`;
}

/** A value as people read it on a wall: 3 significant digits, thousands as k. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  if (a >= 100) return String(Math.round(v));
  return String(+v.toPrecision(3));
}

/** "14:05" (24 h, local time). */
export function clockText(now: number): string {
  const d = new Date(now);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** "2026-11-29 14:05:12" local, for timestamps in the detail view. */
export function timestampText(iso: string | number | null | undefined): string {
  const t = typeof iso === "number" ? iso : parseTime(iso);
  if (t === null) return "never";
  const d = new Date(t);
  const p = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Only http(s) links reach an href (the collector filters too; a page never trusts that alone). */
export function safeHref(url: string | undefined | null): string | undefined {
  return safeLink(url ?? undefined);
}
