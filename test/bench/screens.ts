/**
 * The screens: a separate process (forked by the bench) holding sets of WebSocket clients on
 * 127.0.0.1, so their CPU is not the server's. Per set it records, for the k-th message, when the
 * first and the last socket had it, and what it was (socket 0 parses it). Driven over IPC.
 */
import type { Socket } from "node:net";
import WebSocket from "ws";
import { clockMs } from "./proc.ts";

export interface Received {
  type: string;
  /** the message itself (socket 0), so the bare server can send the very same bytes */
  text: string;
  /** the tile ids of a patch or snapshot */
  tiles: string[];
  bytes: number;
  firstAt: number;
  allAt: number | null;
}

export type Command =
  /** ready when every socket is open (bare server) or has its hello and snapshot (collector) */
  | { op: "open"; name: string; url: string; n: number; greeted: boolean }
  | { op: "reset"; name: string }
  | { op: "report"; name: string }
  | { op: "close"; name: string }
  /** stop reading (the kernel's buffers fill, then the server's): answers the sockets' local ports */
  | { op: "pause"; name: string }
  /** how many of the set's sockets the server closed, and each socket's message count */
  | { op: "status"; name: string };

interface ScreenSet {
  sockets: WebSocket[];
  counts: number[];
  reached: number[];
  log: Received[];
  bytes: number;
}

const sets = new Map<string, ScreenSet>();

/** ws keeps its TCP socket private; pausing it is how a screen stops reading. */
const socketOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

function open(name: string, url: string, n: number, greeted: boolean): Promise<void> {
  const set: ScreenSet = { sockets: [], counts: [], reached: [], log: [], bytes: 0 };
  sets.set(name, set);
  let ready = 0;
  return new Promise((resolve, reject) => {
    for (let i = 0; i < n; i++) {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      set.sockets.push(ws);
      set.counts.push(0);
      ws.on("error", reject);
      ws.on("message", (data: Buffer) => {
        const k = set.counts[i]++;
        set.bytes += data.length;
        set.reached[k] = (set.reached[k] ?? 0) + 1;
        if (i === 0) {
          const msg = JSON.parse(String(data)) as { type: string; tiles?: { id: string }[] };
          set.log[k] = {
            type: msg.type,
            text: String(data),
            tiles: (msg.tiles ?? []).map((t) => t.id),
            bytes: data.length,
            firstAt: clockMs(),
            allAt: null,
          };
        }
        if (set.reached[k] === n && set.log[k]) set.log[k]!.allAt = clockMs();
        if (greeted && set.counts[i] === 2 && ++ready === n) resolve();
      });
      ws.on("open", () => {
        if (!greeted && ++ready === n) resolve();
      });
    }
  });
}

process.on("message", async (cmd: Command) => {
  const set = sets.get(cmd.name);
  switch (cmd.op) {
    case "open":
      await open(cmd.name, cmd.url, cmd.n, cmd.greeted);
      break;
    case "reset":
      if (set) Object.assign(set, { counts: set.counts.map(() => 0), reached: [], log: [], bytes: 0 });
      break;
    case "report":
      process.send!({ name: cmd.name, log: set?.log ?? [], bytes: set?.bytes ?? 0, n: set?.sockets.length ?? 0 });
      return;
    case "pause":
      for (const ws of set?.sockets ?? []) socketOf(ws).pause();
      process.send!({ name: cmd.name, ports: set?.sockets.map((ws) => socketOf(ws).localPort) ?? [] });
      return;
    case "status":
      process.send!({
        name: cmd.name,
        closed: set?.sockets.filter((ws) => ws.readyState === ws.CLOSED).length ?? 0,
        counts: set?.counts ?? [],
        bytes: set?.bytes ?? 0,
      });
      return;
    case "close":
      for (const ws of set?.sockets ?? []) ws.terminate();
      sets.delete(cmd.name);
      break;
  }
  process.send!({ name: cmd.name, done: cmd.op });
});
