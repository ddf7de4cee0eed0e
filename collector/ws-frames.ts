/**
 * The hub's sends as ready WebSocket frames: each message is framed once (RFC 6455 §5.2: FIN, text
 * opcode, the length, no mask from a server) and that one Buffer is written to every screen's socket.
 * `ws.send()` builds a frame header per screen and writes header and payload as two chunks (a writev):
 * at 1,000 screens that was ~19 µs a screen against ~15.5 µs for one ready frame (issue 12).
 *
 * Written beside `ws`, into the socket `ws` owns: `ws` writes its own frames (pongs, close) into the
 * same socket synchronously and queues nothing while compression is off (`routes/ws.ts`), so the
 * order on the wire is the order of the calls; `ws.bufferedAmount` counts these bytes too (the hub
 * drops a screen that stops reading by it). A screen added without its socket (unit tests' fakes)
 * gets `ws.send()`.
 */
import type { WebSocket } from "ws";

/** What a screen's socket must do for the hub: take bytes in order. */
export interface Wire {
  write(bytes: Buffer): unknown;
}

/** One unmasked, unfragmented text frame carrying `payload` (UTF-8 JSON). */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, head);
  return frame;
}

export class FrameWriter {
  private readonly wires = new WeakMap<WebSocket, Wire>();
  /** Each message's frame, made on its first send and kept as long as the message is. */
  private readonly frames = new WeakMap<Buffer, Buffer>();

  attach(ws: WebSocket, wire: Wire): void {
    this.wires.set(ws, wire);
  }

  /** Send `bytes` (a whole JSON message) to one open screen. */
  send(ws: WebSocket, bytes: Buffer): void {
    const wire = this.wires.get(ws);
    if (!wire) {
      ws.send(bytes, { binary: false });
      return;
    }
    let frame = this.frames.get(bytes);
    if (!frame) this.frames.set(bytes, (frame = textFrame(bytes)));
    wire.write(frame);
  }
}
