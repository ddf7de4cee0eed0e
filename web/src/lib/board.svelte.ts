/**
 * The page's live state as a thin runes class: the pure reducer (protocol.ts)
 * and the socket (connection.ts) do the work; components only read.
 */
import type {
  BoardInfo,
  NightSchedule,
  ServerMessage,
  Tile,
  TileFamily,
  WardenNow,
} from "../../../collector/contract.ts";
import { CLOSE_UNKNOWN_BOARD } from "../../../collector/contract.ts";
import {
  applyMessage,
  initialState,
  shouldReload,
  tilesOf,
  visibleNotice,
  type BoardState,
  type Notice,
} from "./protocol.ts";
import { Connection, type LinkStatus, type SocketLike } from "./connection.ts";
import { socketUrl, type LayoutMode, type UrlState } from "./url-state.ts";
import { selfReloadReason } from "./watchdog.ts";

export const VERSION: string = typeof __RADIATOR_VERSION__ === "string" ? __RADIATOR_VERSION__ : "dev";

const RELOAD_KEY = "radiator:reloaded-for";

export class Board {
  #state = $state.raw<BoardState>(initialState());
  #link = $state.raw<LinkStatus>({
    state: "connecting",
    attempt: 0,
    closeCode: null,
    retryAt: null,
    lastMessageAt: null,
  });
  #now = $state(Date.now());
  #rotation = $state(0);
  /** Board ids the server knows, fetched when it refuses ours (close 4004). */
  #knownBoards = $state.raw<BoardInfo[] | null>(null);
  private _conn: Connection;
  private _timers: ReturnType<typeof setInterval>[] = [];
  private _resyncAskedAt = 0;
  private _rotateTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly url: UrlState,
    createSocket: (url: string) => SocketLike = (u) => new WebSocket(u) as unknown as SocketLike,
  ) {
    this._conn = new Connection({
      url: socketUrl(location, url.boards),
      createSocket,
      onMessage: (msg) => this._receive(msg),
      onStatus: (s) => {
        this.#link = s;
        if (s.closeCode === CLOSE_UNKNOWN_BOARD && !this.#knownBoards) void this._fetchBoards();
      },
    });
  }

  start(): void {
    this._conn.start();
    // "red for 2 h 14 min" and the clock move on their own
    this._timers.push(setInterval(() => (this.#now = Date.now()), 1000));
    if (this.rotating) this._scheduleRotation();
    this._timers.push(setInterval(() => this._watchdog(), 60_000));
  }

  /** Each board stays its own time (`?board=a:60s`); with `?pause=red` a board with something red stays on. */
  private _scheduleRotation(): void {
    const ms = this.url.boardMs[this.rotationIndex] || this.url.rotateMs!;
    this._rotateTimer = setTimeout(() => {
      if (this.url.pauseOnRed && this.tiles.some((t) => t.status === "fail" && !t.stale)) {
        this._rotateTimer = setTimeout(() => this._scheduleRotation(), 0);
        return;
      }
      this.#rotation = this.#rotation + 1;
      this._scheduleRotation();
    }, ms);
  }

  /** The current board's time on screen, for the header's timer bar. */
  get rotationMs(): number {
    return this.url.boardMs[this.rotationIndex] || this.url.rotateMs || 0;
  }

  stop(): void {
    clearTimeout(this._rotateTimer);
    this._conn.stop();
    for (const t of this._timers) clearInterval(t);
    this._timers = [];
  }

  get now(): number {
    return this.#now;
  }
  get link(): LinkStatus {
    return this.#link;
  }
  get connected(): boolean {
    return this.#link.state === "open" && this.#state.rev !== null;
  }
  get hasData(): boolean {
    return this.#state.rev !== null;
  }
  get title(): string {
    return this.#state.title;
  }
  get notice(): Notice | null {
    return visibleNotice(this.#state.notice, this.#now);
  }
  get warden(): WardenNow | null {
    return this.#state.warden;
  }
  get knownBoards(): BoardInfo[] | null {
    return this.#link.closeCode === CLOSE_UNKNOWN_BOARD ? this.#knownBoards : null;
  }
  get unknownBoard(): boolean {
    return this.#link.closeCode === CLOSE_UNKNOWN_BOARD && this.#link.state !== "open";
  }

  /** The boards being rotated through (just one when not rotating). */
  get rotating(): boolean {
    return !!this.url.rotateMs && !!this.url.boards && this.url.boards.length > 1;
  }
  /** The board shown now: an id while rotating, otherwise all asked for. */
  get shownBoards(): string[] | null {
    const ids = this.url.boards;
    if (!ids || !this.rotating) return ids;
    return [ids[this.#rotation % ids.length]!];
  }
  get rotationIndex(): number {
    return this.url.boards ? this.#rotation % this.url.boards.length : 0;
  }
  get boardTitle(): string {
    const ids = this.shownBoards;
    const infos = this.#state.boards.filter((b) => !ids || ids.includes(b.id));
    if (infos.length === 1) return infos[0]!.title;
    return this.#state.title || "Radiator";
  }
  /** ?layout= wins over the board's config; several boards shown at once take attention if any asks for it. */
  get layout(): LayoutMode {
    if (this.url.layout) return this.url.layout;
    const ids = this.shownBoards;
    return this.#state.boards.some((b) => (!ids || ids.includes(b.id)) && b.layout === "attention")
      ? "attention"
      : "fixed";
  }
  /** Every board the server has, for the picker. */
  get allBoards(): BoardInfo[] {
    return this.#state.boards;
  }
  get allTiles(): Readonly<Record<string, Tile>> {
    return this.#state.tiles;
  }
  get night(): NightSchedule | null {
    return this.#state.night;
  }
  get tiles(): Tile[] {
    return tilesOf(this.#state, this.shownBoards);
  }
  /** How the collector says each kind is drawn. */
  get families(): Readonly<Record<string, TileFamily>> {
    return this.#state.families;
  }
  tile(id: string): Tile | undefined {
    return this.#state.tiles[id];
  }

  private _receive(msg: ServerMessage): void {
    const before = this.#state;
    const next = applyMessage(before, msg, Date.now());
    this.#state = next;
    // ask once per gap; ask again if no snapshot came within 5 s (the request may have been lost)
    if (next.needsResync && (!before.needsResync || Date.now() - this._resyncAskedAt > 5000)) {
      this._resyncAskedAt = Date.now();
      this._conn.send({ type: "resync" });
    }
    // a hello is what changes serverVersion; reload when it names another build
    if (next.serverVersion !== before.serverVersion && shouldReload(VERSION, next.serverVersion))
      this._reload(next.serverVersion!);
  }

  private _disconnectedSince: number | null = null;
  private _watchdog(): void {
    const now = Date.now();
    if (this.connected) this._disconnectedSince = null;
    else this._disconnectedSince ??= now;
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
    const why = selfReloadReason(now, this._disconnectedSince, heap);
    if (why) this._reload(`self:${why}`);
  }

  private _reload(serverVersion: string): void {
    // a guard against a reload loop when the served page is still the old one
    try {
      const last = JSON.parse(sessionStorage.getItem(RELOAD_KEY) || "null") as { v: string; at: number } | null;
      if (last && last.v === serverVersion && Date.now() - last.at < 60_000) return;
      sessionStorage.setItem(RELOAD_KEY, JSON.stringify({ v: serverVersion, at: Date.now() }));
    } catch {
      // no sessionStorage: reload anyway
    }
    location.reload();
  }

  private async _fetchBoards(): Promise<void> {
    try {
      const res = await fetch("/api/boards");
      if (res.ok) this.#knownBoards = (await res.json()) as BoardInfo[];
    } catch {
      // the banner still says the board is unknown
    }
  }
}
