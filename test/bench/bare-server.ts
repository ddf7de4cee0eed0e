/**
 * The baseline: a bare `ws` server in its own process that broadcasts whatever bytes it is POSTed
 * (`POST /broadcast`) to every socket, exactly as the hub sends (one Buffer, text frame, the same
 * buffered-amount check). Prints its port on stdout.
 */
import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const sockets = new Set<WebSocket>();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const bytes = Buffer.concat(chunks);
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > 1024 * 1024) ws.terminate();
      else ws.send(bytes, { binary: false });
    }
    res.writeHead(202).end();
  });
});
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    ws.on("error", () => ws.terminate());
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
