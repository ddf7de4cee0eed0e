/**
 * The page's side of a board, fast: serves the collector's page (its GETs are passed through) and
 * answers `/ws` itself with the collector's own hello and snapshot, then patches made from those
 * tiles (a new summary, item detail, value and check time each, the status flipping fail/warn),
 * one tile per patch, revs in order, a heartbeat every 5 s. For the page's heap after 10,000
 * patches, which the real collector would take hours to produce at a realistic rate.
 */
import { createServer } from "node:http";
import type { Page } from "playwright-core";
import WebSocket, { WebSocketServer } from "ws";
import type { Tile } from "../../collector/contract.ts";

export interface Replay {
  url: string;
  /** `n` patches to every connected page, in chunks, each chunk once `page` shows its last one */
  send(page: Page, n: number): Promise<void>;
  resyncs(): number;
  close(): Promise<void>;
}

function greeting(url: string): Promise<{ hello: string; rev: number; tiles: Tile[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let hello = "";
    ws.on("error", reject);
    ws.on("message", (data: Buffer) => {
      const msg = JSON.parse(String(data)) as { type: string; rev: number; tiles: Tile[] };
      if (msg.type === "hello") hello = String(data);
      if (msg.type === "snapshot") {
        ws.close();
        resolve({ hello, rev: msg.rev, tiles: msg.tiles });
      }
    });
  });
}

export async function replayServer(collectorUrl: string, board: string): Promise<Replay> {
  const g = await greeting(`${collectorUrl.replace("http:", "ws:")}/ws?board=${board}`);
  let rev = g.rev;
  const tiles = g.tiles;
  const base = tiles.map((t) => t.summary);
  let k = 0;
  let resyncs = 0;
  const clients = new Set<WebSocket>();
  const snapshot = () => JSON.stringify({ type: "snapshot", rev, tiles });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer((req, res) => {
    fetch(`${collectorUrl}${req.url}`).then(
      async (r) => {
        res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/octet-stream" });
        res.end(Buffer.from(await r.arrayBuffer()));
      },
      () => res.writeHead(502).end(),
    );
  });
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.send(g.hello);
      ws.send(snapshot());
      ws.on("message", (data) => {
        if (String(data).includes('"resync"')) {
          resyncs++;
          ws.send(snapshot());
        }
      });
      ws.on("close", () => clients.delete(ws));
    }),
  );
  const heartbeat = setInterval(() => {
    const msg = JSON.stringify({
      type: "heartbeat",
      at: new Date().toISOString(),
      checked: { [board]: tiles.map(() => 0) },
    });
    for (const ws of clients) ws.send(msg);
  }, 5000);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };

  const patch = (): { msg: string; marker: string } => {
    const i = k % tiles.length;
    const marker = `#${k}·`;
    const t: Tile = {
      ...tiles[i]!,
      status: k % 2 ? "fail" : "warn",
      summary: `${base[i]} ${marker}`,
      value: k % 9,
      checkedAt: new Date().toISOString(),
      items: tiles[i]!.items?.map((it, j) => (j === 0 ? { ...it, detail: `${it.detail ?? ""} (${k})` } : it)),
    };
    tiles[i] = t;
    k++;
    return { msg: JSON.stringify({ type: "patch", rev: ++rev, tiles: [t], removed: [] }), marker };
  };

  return {
    url: `http://127.0.0.1:${port}`,
    async send(page, n) {
      for (let sent = 0; sent < n;) {
        let marker = "";
        for (const end = Math.min(n, sent + 100); sent < end; sent++) {
          const p = patch();
          marker = p.marker;
          for (const ws of clients) ws.send(p.msg);
        }
        await page.waitForFunction((m) => document.body.textContent?.includes(m), marker, { timeout: 30_000 });
      }
    },
    resyncs: () => resyncs,
    close: async () => {
      clearInterval(heartbeat);
      for (const ws of clients) ws.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
