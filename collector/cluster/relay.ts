/**
 * The leader's side of the relay: a patch serialised once per board and once for all boards,
 * exactly as the hub would for a screen of that board, into Buffers that every replica's hub
 * sends as they are (`Hub.deliver`). Screens showing several boards at once get their bytes
 * made by their own replica's hub.
 */
import type { BoardInfo, PatchMessage } from "../contract.ts";
import type { Patch } from "../store.ts";

/** The part key of the empty patch (no board id contains a space). */
export const QUIET = " quiet";

export class PatchEncoder {
  /** Kept across reloads, so a removed tile still knows its board. */
  private readonly tileBoard = new Map<string, string>();
  /** Bytes made, for the bench: grows with boards, not screens or replicas. */
  serialisations = 0;

  constructor(private boards: readonly BoardInfo[]) {
    this.index();
  }

  setBoards(boards: readonly BoardInfo[]): void {
    this.boards = boards;
    this.index();
  }

  /** Parts for the boards this patch touches, "*" for all, and QUIET for every other board. */
  encode(patch: Patch): Map<string, Buffer> {
    const parts = new Map<string, Buffer>();
    const touched = new Set([...patch.tiles.map((t) => t.board), ...patch.removed.map((id) => this.tileBoard.get(id))]);
    for (const board of this.boards) {
      if (!touched.has(board.id)) continue;
      const tiles = patch.tiles.filter((t) => t.board === board.id);
      const removed = patch.removed.filter((id) => this.tileBoard.get(id) === board.id);
      parts.set(board.id, this.bytes({ type: "patch", rev: patch.rev, tiles, removed }));
    }
    // A patch of one board is, byte for byte, its all-boards patch: the same Buffer, sent once (frame.ts).
    const [only] = parts.values();
    const whole = parts.size === 1 && touched.size === 1 ? only : undefined;
    parts.set("*", whole ?? this.bytes({ type: "patch", rev: patch.rev, tiles: patch.tiles, removed: patch.removed }));
    parts.set(QUIET, this.bytes({ type: "patch", rev: patch.rev, tiles: [], removed: [] }));
    return parts;
  }

  private bytes(msg: PatchMessage): Buffer {
    this.serialisations++;
    return Buffer.from(JSON.stringify(msg));
  }

  private index(): void {
    for (const b of this.boards) for (const id of b.tiles) this.tileBoard.set(id, b.id);
  }
}

/**
 * The bytes for a screen group: its board's part, or the one empty patch every untouched board
 * shares (48 bytes once per frame instead of once per board). Groups of several boards: none.
 */
export function partsLookup(parts: ReadonlyMap<string, Buffer>): { get(key: string): Buffer | undefined } {
  return { get: (key) => parts.get(key) ?? (key.includes(",") ? undefined : parts.get(QUIET)) };
}

/** The all-boards part back as a patch, for a follower's store. */
export function patchOf(part: Buffer | undefined): Patch {
  if (!part) throw new Error("relay frame without the all-boards part");
  const msg = JSON.parse(part.toString("utf8")) as PatchMessage;
  return { rev: msg.rev, tiles: msg.tiles, removed: msg.removed };
}
