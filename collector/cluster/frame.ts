/**
 * The relay frame: one Redis message per patch carrying the patch already serialised for
 * each board (and for "*", all boards), so a follower slices out the bytes a screen needs
 * and sends them as they are. Layout: a JSON header line, then the parts back to back.
 *   {"v":1,"rev":7,"from":"a:8080","fence":3,"full":false,"events":[…],"parts":[["team",812],["*",1650]]}\n<bytes…>
 * A part that is the very same Buffer as one before it (a patch of one board is byte for byte its
 * all-boards patch) is written once: `["*",812,"team"]` says "the bytes of team".
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
  const written = new Map<Buffer, string>();
  const sizes: (readonly [string, number] | readonly [string, number, string])[] = [];
  for (const [key, bytes] of parts) {
    const same = written.get(bytes);
    sizes.push(same === undefined ? [key, bytes.length] : [key, bytes.length, same]);
    if (same === undefined) written.set(bytes, key);
  }
  const head = Buffer.from(`${JSON.stringify({ ...header, parts: sizes })}\n`);
  return Buffer.concat([head, ...written.keys()]);
}

/** Throws on anything that is not a frame of this version (another radiator on the same prefix, say). */
export function decodeFrame(data: Buffer): Frame {
  const end = data.indexOf(0x0a);
  if (end < 0) throw new Error("relay frame without a header");
  const head = JSON.parse(data.subarray(0, end).toString("utf8")) as FrameHeader & {
    parts: [string, number, string?][];
  };
  if (head.v !== 1 || !Array.isArray(head.parts)) throw new Error("relay frame of an unknown version");
  const parts = new Map<string, Buffer>();
  let at = end + 1;
  for (const [key, size, same] of head.parts) {
    const earlier = same === undefined ? undefined : parts.get(same);
    if (same !== undefined && earlier?.length !== size) throw new Error("relay frame names a part it does not have");
    parts.set(key, earlier ?? data.subarray(at, (at += size)));
  }
  if (at !== data.length) throw new Error("relay frame shorter or longer than its header says");
  return { v: 1, rev: head.rev, from: head.from, fence: head.fence, full: head.full, events: head.events, parts };
}
