/**
 * The leader's side of the relay: a patch serialised once per board and once for all boards,
 * exactly as the hub would for a screen of that board, into Buffers that every replica's hub
 * sends as they are (`Hub.deliver`). Screens showing several boards at once get their bytes
 * made by their own replica's hub.
 */
import type { BoardInfo, PatchMessage } from "../contract.ts";
import type { Patch } from "../store.ts";

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

  encode(patch: Patch): Map<string, Buffer> {
    const parts = new Map<string, Buffer>();
    for (const board of this.boards) {
      const tiles = patch.tiles.filter((t) => t.board === board.id);
      const removed = patch.removed.filter((id) => this.tileBoard.get(id) === board.id);
      parts.set(board.id, this.bytes({ type: "patch", rev: patch.rev, tiles, removed }));
    }
    parts.set("*", this.bytes({ type: "patch", rev: patch.rev, tiles: patch.tiles, removed: patch.removed }));
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

/** The all-boards part back as a patch, for a follower's store. */
export function patchOf(part: Buffer | undefined): Patch {
  if (!part) throw new Error("relay frame without the all-boards part");
  const msg = JSON.parse(part.toString("utf8")) as PatchMessage;
  return { rev: msg.rev, tiles: msg.tiles, removed: msg.removed };
}
