/** `WS /ws?board=ID[,ID…]`: upgrade on the same HTTP server, then the hub owns the socket. */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { CLOSE_UNKNOWN_BOARD } from "../contract.ts";
import type { Runtime } from "../runtime.ts";
import { upgradeVerdict } from "../security.ts";

export function attachWebSocket(server: Server, rt: () => Runtime): WebSocketServer {
  // perMessageDeflate off: compressing the same bytes once per screen would undo "serialise once".
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/ws") {
      socket.destroy();
      return;
    }
    const refused = upgradeVerdict(req, rt().security ?? { frameAncestors: ["'self'"] });
    if (refused) {
      const reason = refused.status === 401 ? "Unauthorized" : "Forbidden";
      const head = `HTTP/1.1 ${refused.status} ${reason}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n`;
      socket.end(`${head}${refused.text}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const { hub } = rt();
      const boards = url.searchParams.get("board")?.split(",").filter(Boolean) ?? null;
      if (boards && !hub.hasBoards(boards)) {
        ws.close(CLOSE_UNKNOWN_BOARD, `unknown board ${boards.join(",")}`.slice(0, 120));
        return;
      }
      hub.add(ws, boards, socket);
    });
  });
  return wss;
}
