/**
 * A screen as the page is on the wire: a WebSocket that keeps the tiles the way the page's
 * protocol does (a snapshot sets them, a patch must carry rev + 1), and records notices and closes.
 */
import WebSocket from "ws";
import type { ServerMessage, Tile } from "../../collector/contract.ts";

export interface Screen {
  tiles: Map<string, Tile>;
  rev: number | null;
  notices: { level: string; text: string }[];
  closes: number;
  /** Patches with a rev gap: the page would ask for a snapshot. */
  gaps: number;
  close(): void;
}

export async function openScreen(baseUrl: string, board?: string): Promise<Screen> {
  const ws = new WebSocket(`${baseUrl.replace("http", "ws")}/ws${board ? `?board=${board}` : ""}`);
  const screen: Screen = { tiles: new Map(), rev: null, notices: [], closes: 0, gaps: 0, close: () => ws.close() };
  ws.on("message", (data, binary) => {
    if (binary) throw new Error("a screen got a binary frame; the page reads text");
    const msg = JSON.parse(String(data)) as ServerMessage;
    switch (msg.type) {
      case "snapshot":
        screen.tiles = new Map(msg.tiles.map((t) => [t.id, t]));
        screen.rev = msg.rev;
        break;
      case "patch":
        if (screen.rev === null || msg.rev <= screen.rev) break;
        if (msg.rev !== screen.rev + 1) {
          screen.gaps++;
          ws.send(JSON.stringify({ type: "resync" }));
          break;
        }
        for (const t of msg.tiles) screen.tiles.set(t.id, t);
        for (const id of msg.removed) screen.tiles.delete(id);
        screen.rev = msg.rev;
        break;
      case "notice":
        screen.notices.push({ level: msg.level, text: msg.text });
        break;
    }
  });
  ws.on("close", () => screen.closes++);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return screen;
}
