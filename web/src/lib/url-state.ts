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

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** "30s", "2m", "1h", "45" (seconds); null when unreadable. Never below 5 s. */
export function parseRotate(text: string | null): number | null {
  if (!text) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * UNITS[m[2] ?? "s"]!;
  return ms > 0 ? Math.max(5000, ms) : null;
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
