/**
 * The relay frame: one Redis message per patch carrying the patch already serialised for
 * each board (and for "*", all boards), so a follower slices out the bytes a screen needs
 * and sends them as they are. Layout: a JSON header line, then the parts back to back.
 *   {"v":1,"rev":7,"from":"a:8080","fence":3,"full":false,"events":[…],"parts":[["team",812],["*",1650]]}\n<bytes…>
 */
import type { TileEvent } from "../contract.ts";

export interface FrameHeader {
  v: 1;
  rev: number;
  /** The replica that wrote it: it does not read its own frames back. */
  from: string;
  fence: number;
  /** The state was rewritten whole (a new leader, Redis back): followers replace theirs. */
  full: boolean;
  /** Claims, releases, fixes and deploys made with this patch, for the followers' history. */
  events: TileEvent[];
}

export interface Frame extends FrameHeader {
  /** Group key (a board id, or "*") → the patch message's bytes for it. */
  parts: Map<string, Buffer>;
}

export function encodeFrame(header: FrameHeader, parts: ReadonlyMap<string, Buffer>): Buffer {
  const sizes = [...parts].map(([key, bytes]) => [key, bytes.length] as const);
  const head = Buffer.from(`${JSON.stringify({ ...header, parts: sizes })}\n`);
  return Buffer.concat([head, ...parts.values()]);
}

/** Throws on anything that is not a frame of this version (another radiator on the same prefix, say). */
export function decodeFrame(data: Buffer): Frame {
  const end = data.indexOf(0x0a);
  if (end < 0) throw new Error("relay frame without a header");
  const head = JSON.parse(data.subarray(0, end).toString("utf8")) as FrameHeader & { parts: [string, number][] };
  if (head.v !== 1 || !Array.isArray(head.parts)) throw new Error("relay frame of an unknown version");
  const parts = new Map<string, Buffer>();
  let at = end + 1;
  for (const [key, size] of head.parts) {
    parts.set(key, data.subarray(at, at + size));
    at += size;
  }
  if (at !== data.length) throw new Error("relay frame shorter or longer than its header says");
  return { v: 1, rev: head.rev, from: head.from, fence: head.fence, full: head.full, events: head.events, parts };
}
