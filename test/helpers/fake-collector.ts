/**
 * A stand-in for the collector's page-facing side: it serves the built page
 * (web/dist) and speaks the WebSocket contract (collector/contract.ts) with
 * tiles the test states exactly — statuses, titles, `since`, `stale`, `error`.
 * Page tests about layout, colour and keyboard use it so that nothing depends
 * on a demo's random outcome or on poll timing; the real collector is covered
 * by the other e2e files.
 */
import { createServer, type Server } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocketServer, type WebSocket } from "ws";
import type { BoardInfo, HistoryEntry, ServerMessage, Tile, TileFamily } from "../../collector/contract.ts";

const DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
};

export interface FakeBoard {
  id: string;
  title: string;
  tiles: Tile[];
  layout?: "attention" | "fixed";
}
export interface FakeCollectorOptions {
  title?: string;
  boards: FakeBoard[];
  families?: Record<string, TileFamily>;
  /** history per tile id for /api/tiles/:id */
  history?: Record<string, HistoryEntry[]>;
  night?: { from: string; to: string; dim: number };
}

export interface FakeCollector {
  url: string;
  /** Send changed tiles as a patch to every open screen (and keep them for new ones). */
  patch(tiles: Tile[]): void;
  /** Close every socket (screens reconnect by themselves). */
  dropSockets(): void;
  close(): Promise<void>;
}

export async function startFakeCollector(opts: FakeCollectorOptions): Promise<FakeCollector> {
  const version = (JSON.parse(readFileSync(join(DIST, "version.json"), "utf8")) as { version: string }).version;
  const tiles = new Map<string, Tile>();
  for (const b of opts.boards) for (const t of b.tiles) tiles.set(t.id, { ...t, board: b.id });
  const families = opts.families ?? { demo: "build", metric: "metric", list: "list", people: "people", check: "check" };
  const infos = (): (BoardInfo & { layout?: string })[] =>
    opts.boards.map((b) => ({
      id: b.id,
      title: b.title,
      tiles: b.tiles.map((t) => t.id),
      ...(b.layout ? { layout: b.layout } : {}),
    }));
  let rev = 1;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/api/boards") return json(200, infos());
    const m = /^\/api\/tiles\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const tile = tiles.get(decodeURIComponent(m[1]!));
      return tile
        ? json(200, { ...tile, history: opts.history?.[tile.id] ?? [] })
        : json(404, { error: "no such tile" });
    }
    const rel = url.pathname === "/" ? "index.html" : normalize(url.pathname).replace(/^[/\\]+/, "");
    const file = join(DIST, rel);
    if (!file.startsWith(DIST) || !existsSync(file) || rel.endsWith("/")) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const send = (ws: WebSocket, msg: ServerMessage | Record<string, unknown>) => ws.send(JSON.stringify(msg));
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/ws")) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
      send(ws, {
        type: "hello",
        version,
        title: opts.title ?? "Radiator",
        boards: infos(),
        families,
        ...(opts.night ? { night: opts.night } : {}),
      });
      send(ws, { type: "snapshot", rev, tiles: [...tiles.values()] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    patch(changed) {
      for (const t of changed) tiles.set(t.id, t);
      rev++;
      for (const ws of sockets) send(ws, { type: "patch", rev, tiles: changed, removed: [] });
    },
    dropSockets() {
      for (const ws of sockets) ws.terminate();
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
