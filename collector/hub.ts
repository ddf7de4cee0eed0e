/**
 * WebSocket fan-out. A change is serialised once per board group, to a Buffer,
 * and the same bytes go to every screen of that group (a string would be UTF-8
 * encoded again for each socket); screens whose send buffer grows past a limit
 * are dropped (they reconnect) instead of buffering without bound.
 *
 * The seam for a relay (cluster): `encode()` turns a message into bytes, `fanOut()`
 * sends given bytes to one group's screens.
 */
import type { WebSocket } from "ws";
import type {
  BoardInfo,
  ClientMessage,
  NightSchedule,
  NoticeLevel,
  ServerMessage,
  Tile,
  TileFamily,
  WardenNow,
} from "./contract.ts";
import { CLOSE_TOO_SLOW, CLOSE_UNKNOWN_BOARD, HEARTBEAT_MS } from "./contract.ts";
import type { Patch, Store } from "./store.ts";
import { FrameWriter, type Wire } from "./ws-frames.ts";
import type { Services } from "./services.ts";
import { MAX_BYTES_PER_TURN, Outbox } from "./outbox.ts";

export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** A patch's bytes made elsewhere (the cluster relay), by group key; none = serialise here. */
export interface PreparedBytes {
  get(groupKey: string): Buffer | undefined;
}
const RESYNC_MIN_INTERVAL_MS = 1000;

interface Group {
  /** null = all boards */
  boards: Set<string> | null;
  sockets: Set<WebSocket>;
  /** Snapshot bytes cached per rev (and fresh checks): N screens connecting at once cost one serialisation. */
  snapshot?: { rev: number; checks: number; bytes: Buffer };
}

export interface HubInfo {
  version: string;
  title: string;
  boards: BoardInfo[];
  families: Record<string, TileFamily>;
  warden?: WardenNow | null;
  night?: NightSchedule;
}

export class Hub {
  private readonly groups = new Map<string, Group>();
  private readonly tileBoard = new Map<string, string>();
  private info: HubInfo;
  private notice: Buffer | undefined;
  /** The hello is the same for every screen until the config or the warden changes. */
  private helloBytes: Buffer | undefined;
  private heartbeat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  /** Serialisations done, for the bench: it must grow with boards, not screens. */
  serialisations = 0;
  /** Messages still going out, each to the screens its group had when it was sent. */
  private readonly outbox: Outbox<WebSocket>;
  private readonly frames = new FrameWriter();

  constructor(
    private readonly store: Store,
    info: HubInfo,
    private readonly maxBuffered = MAX_BUFFERED_BYTES,
    /** The collector's metrics and redactor; none in unit tests. */
    private readonly services?: Pick<Services, "metrics" | "redactor">,
    bytesPerTurn = MAX_BYTES_PER_TURN,
  ) {
    this.outbox = new Outbox((ws, bytes) => this.sendTo(ws, bytes), bytesPerTurn);
    this.info = info;
    this.indexBoards();
    this.unsubscribe = store.onPatch((p) => this.broadcastPatch(p));
    this.heartbeat = setInterval(() => this.broadcastHeartbeat(), HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  get clientCount(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.sockets.size;
    return n;
  }

  /** Board ids that exist, for checking `?board=` before upgrading. */
  hasBoards(ids: string[]): boolean {
    return ids.every((id) => this.info.boards.some((b) => b.id === id));
  }

  /** New boards or titles after a reload: every screen gets a fresh hello. */
  setInfo(info: HubInfo): void {
    this.info = info;
    this.helloBytes = undefined;
    this.indexBoards();
    for (const g of this.groups.values()) {
      g.snapshot = undefined;
      if (g.boards && ![...g.boards].every((id) => info.boards.some((b) => b.id === id))) {
        for (const ws of g.sockets) ws.close(CLOSE_UNKNOWN_BOARD, "board removed from the config");
      }
    }
    this.fanOutAll(this.helloMessage());
  }

  /** A new fire warden: every screen gets a hello with it (and the notice that still holds, which a hello clears). */
  setWarden(warden: WardenNow | null): void {
    this.info = { ...this.info, warden };
    this.helloBytes = undefined;
    this.fanOutAll(this.helloMessage());
    if (this.notice) this.fanOutAll(this.notice);
  }

  /** A screen; with its socket (`routes/ws.ts`), messages go out as ready frames (ws-frames.ts). */
  add(ws: WebSocket, boards: string[] | null, wire?: Wire): void {
    if (wire) this.frames.attach(ws, wire);
    const key = boards ? [...boards].sort().join(",") : "*";
    let group = this.groups.get(key);
    if (!group) {
      group = { boards: boards ? new Set(boards) : null, sockets: new Set() };
      this.groups.set(key, group);
    }
    group.sockets.add(ws);
    this.services?.metrics.hub.clients.set(this.clientCount);
    this.sendTo(ws, this.helloMessage());
    this.sendTo(ws, this.snapshotBytes(group));
    if (this.notice) this.sendTo(ws, this.notice);
    let lastResync = 0;
    ws.on("message", (data) => {
      try {
        const msg = JSON.parse(String(data)) as ClientMessage;
        switch (msg.type) {
          case "resync":
            // A page asks once per gap; more than one a second is a broken or hostile client.
            if (Date.now() - lastResync < RESYNC_MIN_INTERVAL_MS) return;
            lastResync = Date.now();
            this.sendTo(ws, this.snapshotBytes(group));
        }
      } catch {
        // a page never sends garbage; ignore anything else
      }
    });
    ws.on("close", () => {
      group.sockets.delete(ws);
      if (group.sockets.size === 0) this.groups.delete(key);
      this.services?.metrics.hub.clients.set(this.clientCount);
    });
    ws.on("error", () => ws.terminate());
  }

  /** Show a message on every screen; an `info` notice replaces an earlier error. */
  sendNotice(level: NoticeLevel, text: string): void {
    const bytes = this.encode({ type: "notice", level, text: this.services?.redactor.redact(text) ?? text });
    this.notice = level === "info" ? undefined : bytes;
    this.fanOutAll(bytes);
  }

  closeAll(code: number, reason: string): void {
    clearInterval(this.heartbeat);
    this.outbox.clear();
    this.unsubscribe();
    for (const g of this.groups.values()) for (const ws of g.sockets) ws.close(code, reason);
  }

  /** Serialised once per config (and warden), not once per connecting screen. */
  private helloMessage(): Buffer {
    if (!this.helloBytes) {
      const { version, title, boards, families, night, warden } = this.info;
      this.helloBytes = this.encode({
        type: "hello",
        version,
        title,
        boards,
        families,
        warden: warden ?? null,
        ...(night ? { night } : {}),
      });
    }
    return this.helloBytes;
  }

  private snapshotBytes(group: Group): Buffer {
    const { rev, checks } = this.store;
    if (group.snapshot?.rev !== rev || group.snapshot.checks !== checks) {
      const tiles = this.ordered(this.store.all().filter((t) => !group.boards || group.boards.has(t.board)));
      group.snapshot = { rev, checks, bytes: this.encode({ type: "snapshot", rev, tiles }) };
    }
    return group.snapshot.bytes;
  }

  /**
   * The heartbeat says how old each tile's data is, so a poll that only confirmed a tile costs
   * the screens a few bytes here instead of its whole body in a patch (issue 12).
   */
  private broadcastHeartbeat(): void {
    if (this.groups.size === 0) return;
    const now = Date.now();
    const at = new Date(now).toISOString();
    for (const group of this.groups.values()) {
      const checked: Record<string, (number | null)[]> = {};
      for (const b of this.info.boards) {
        if (group.boards && !group.boards.has(b.id)) continue;
        checked[b.id] = b.tiles.map((id) => checkedAgo(this.store.get(id)?.checkedAt, now));
      }
      this.fanOut(group, this.encode({ type: "heartbeat", at, checked }));
    }
  }

  /**
   * Cluster seam: the store's patches reach the screens only through `deliver`, with bytes
   * the leader serialised once (collector/cluster/relay.ts).
   */
  detachStore(): void {
    this.unsubscribe();
  }

  /** A patch whose bytes may be serialised already, by group key (a board id, or "*" for all boards). */
  deliver(patch: Patch, prepared?: PreparedBytes): void {
    this.broadcastPatch(patch, prepared);
  }

  /** The state was replaced under the screens (cluster failover, Redis back): each gets a fresh snapshot. */
  resnapshot(): void {
    for (const group of this.groups.values()) this.fanOut(group, this.snapshotBytes(group));
  }

  /** Every group gets every rev (possibly with no tiles) so a page can tell a gap from silence. */
  private broadcastPatch(patch: Patch, prepared?: PreparedBytes): void {
    for (const [key, group] of this.groups) {
      const ready = prepared?.get(key);
      if (ready) {
        this.fanOut(group, ready);
        continue;
      }
      const tiles = group.boards ? patch.tiles.filter((t) => group.boards!.has(t.board)) : patch.tiles;
      const removed = group.boards
        ? patch.removed.filter((id) => group.boards!.has(this.tileBoard.get(id) ?? ""))
        : patch.removed;
      this.fanOut(group, this.encode({ type: "patch", rev: patch.rev, tiles, removed }));
    }
  }

  private fanOutAll(bytes: Buffer): void {
    for (const group of this.groups.values()) this.fanOut(group, bytes);
  }

  /**
   * Given bytes to every screen of one group (the relay's way in), spread over turns (outbox.ts). A screen
   * that connects meanwhile has its hello and snapshot at once and none of the older messages; a snapshot sent
   * at once may overtake a queued patch, which the page then drops as one from the past.
   */
  private fanOut(group: Group, bytes: Buffer): void {
    this.outbox.push([...group.sockets], bytes);
  }

  /** Send, or drop a screen whose buffer is over the limit: it reconnects rather than pile up memory here. */
  private sendTo(ws: WebSocket, bytes: Buffer): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.maxBuffered) {
      this.services?.metrics.hub.dropped.inc();
      ws.close(CLOSE_TOO_SLOW, "too slow");
      setTimeout(() => ws.terminate(), 1000).unref?.();
      return;
    }
    this.frames.send(ws, bytes);
  }

  /** The one place a message becomes bytes (counted: it must grow with boards, not screens). */
  private encode(msg: ServerMessage): Buffer {
    this.serialisations++;
    this.services?.metrics.hub.messages.inc({ type: msg.type });
    return Buffer.from(JSON.stringify(msg));
  }

  /** Tiles in board order, then config order, as the page lays them out. */
  private ordered(tiles: Tile[]): Tile[] {
    const order = new Map<string, number>();
    let i = 0;
    for (const b of this.info.boards) for (const id of b.tiles) order.set(id, i++);
    return tiles.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  /** Kept across reloads, so a patch that removes a tile still knows which screens showed it. */
  private indexBoards(): void {
    for (const b of this.info.boards) for (const id of b.tiles) this.tileBoard.set(id, b.id);
  }
}

/** Whole seconds since `checkedAt`, rounded up so the page never thinks data younger than it is; null: no data. */
export function checkedAgo(checkedAt: string | null | undefined, now: number): number | null {
  if (!checkedAt) return null;
  const t = Date.parse(checkedAt);
  return Number.isNaN(t) ? null : Math.max(0, Math.ceil((now - t) / 1000));
}
