import { parseDuration } from "../../../collector/durations.ts";

export type Theme = "dark" | "light" | "high-contrast";
export type LayoutMode = "attention" | "fixed";

/**
 * What the page's URL asks for:
 * `?board=a:60s,b:20s&rotate=30s&pause=red&theme=light&layout=attention&show=broken&sound=on&qr=on&tile=ID`.
 */
export interface UrlState {
  /** null = every board */
  boards: string[] | null;
  /** ms between boards; null = no rotation */
  rotateMs: number | null;
  /** per-board time on screen from `?board=a:60s`, null where not given (then rotateMs) */
  boardMs: (number | null)[];
  /** stay on a board while something on it is red */
  pauseOnRed: boolean;
  theme: Theme;
  /** null = what the board's config says */
  layout: LayoutMode | null;
  /** only what is not ok */
  broken: boolean;
  sound: boolean;
  qr: boolean;
  /** the tile whose detail view is open */
  tile: string | null;
}

const THEMES: Record<string, Theme> = {
  dark: "dark",
  light: "light",
  "high-contrast": "high-contrast",
  hc: "high-contrast",
};
const on = (v: string | null) => v === "on" || v === "1" || v === "true" || v === "yes";

/** A config-style duration ("30s", "2m", "1h") or bare seconds ("45"); null when unreadable. Never below 5 s. */
export function parseRotate(text: string | null): number | null {
  if (!text) return null;
  const t = text.trim();
  const ms = /^\d+$/.test(t) ? Number(t) * 1000 : parseDuration(t);
  return ms !== undefined && ms > 0 ? Math.max(5000, ms) : null;
}

export function parseUrl(search: string): UrlState {
  const q = new URLSearchParams(search);
  const entries =
    q
      .get("board")
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) || [];
  const boards = entries.map((e) => e.split(":")[0]!.trim()).filter(Boolean);
  const boardMs = entries
    .filter((e) => e.split(":")[0]!.trim())
    .map((e) => (e.includes(":") ? parseRotate(e.slice(e.indexOf(":") + 1)) : null));
  const layout = q.get("layout");
  const anyMs = boardMs.find((ms) => ms !== null) || null;
  return {
    boards: boards.length ? boards : null,
    // per-board durations alone start a rotation too
    rotateMs: parseRotate(q.get("rotate")) || anyMs,
    boardMs,
    pauseOnRed: q.get("pause") === "red",
    theme: THEMES[q.get("theme") || ""] || "dark",
    layout: layout === "attention" || layout === "fixed" ? layout : null,
    broken: q.get("show") === "broken",
    sound: on(q.get("sound")),
    qr: on(q.get("qr")),
    tile: q.get("tile") || null,
  };
}

/** The same search string with `tile` set or removed; other parameters kept. */
export function withTile(search: string, tile: string | null): string {
  const q = new URLSearchParams(search);
  if (tile) q.set("tile", tile);
  else q.delete("tile");
  const s = q.toString().replace(/%2C/gi, ",");
  return s ? `?${s}` : "";
}

/** The WebSocket URL for the boards asked for, next to the page. */
export function socketUrl(loc: { protocol: string; host: string }, boards: string[] | null): string {
  const proto = loc.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${loc.host}/ws${boards ? `?board=${boards.map(encodeURIComponent).join(",")}` : ""}`;
}
