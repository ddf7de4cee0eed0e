import { parseDuration } from "../../../collector/durations.ts";

/** What the page's URL asks for: `?board=a,b&rotate=30s&theme=light&tile=ID`. */
export interface UrlState {
  /** null = every board */
  boards: string[] | null;
  /** ms between boards; null = no rotation */
  rotateMs: number | null;
  theme: "dark" | "light";
  /** the tile whose detail view is open */
  tile: string | null;
}

/** A config-style duration ("30s", "2m", "1h") or bare seconds ("45"); null when unreadable. Never below 5 s. */
export function parseRotate(text: string | null): number | null {
  if (!text) return null;
  const t = text.trim();
  const ms = /^\d+$/.test(t) ? Number(t) * 1000 : parseDuration(t);
  return ms !== undefined && ms > 0 ? Math.max(5000, ms) : null;
}

export function parseUrl(search: string): UrlState {
  const q = new URLSearchParams(search);
  const boards = q.get("board")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  return {
    boards: boards.length ? boards : null,
    rotateMs: parseRotate(q.get("rotate")),
    theme: q.get("theme") === "light" ? "light" : "dark",
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
