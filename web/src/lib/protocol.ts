/**
 * The page's view of the collector, as a pure reducer: `applyMessage(state, msg)`
 * returns the next state and never mutates the old one (unchanged tiles keep
 * their identity, so a keyed `{#each}` reuses their DOM).
 *
 * Revisions: a snapshot sets `rev`; a patch must carry exactly `rev + 1`. A
 * patch from the past is a duplicate and is dropped; one from the future means
 * a patch was lost, so the state is marked `needsResync` and further patches are
 * ignored until the next snapshot.
 */
import type {
  BoardInfo,
  NightSchedule,
  NoticeLevel,
  ServerMessage,
  Tile,
  TileFamily,
  WardenNow,
} from "../../../collector/contract.ts";
// A resync snapshot keeps unchanged tiles' identity, so their DOM is not redrawn.
import { sameTile } from "../../../collector/diff.ts";

export interface Notice {
  level: NoticeLevel;
  text: string;
  /** epoch ms when it arrived: info notices fade after INFO_NOTICE_MS */
  at: number;
}

export interface BoardState {
  /** null until the first snapshot. */
  rev: number | null;
  /** The collector's page build id from the last hello. */
  serverVersion: string | null;
  title: string;
  boards: BoardInfo[];
  /** kind → family from the last hello: picks each tile's view. */
  families: Readonly<Record<string, TileFamily>>;
  tiles: Readonly<Record<string, Tile>>;
  /** A rev gap was seen: ask for a snapshot, ignore patches until it comes. */
  needsResync: boolean;
  notice: Notice | null;
  /** The fire warden from the last hello. */
  warden: WardenNow | null;
  /** the config's night schedule, from hello */
  night: NightSchedule | null;
}

export const INFO_NOTICE_MS = 10_000;

export function initialState(): BoardState {
  return {
    rev: null,
    serverVersion: null,
    title: "",
    boards: [],
    families: {},
    tiles: {},
    needsResync: false,
    notice: null,
    warden: null,
    night: null,
  };
}

export function applyMessage(state: BoardState, msg: ServerMessage, now: number = Date.now()): BoardState {
  switch (msg.type) {
    case "hello":
      // A (re)connect starts afresh: the collector re-sends any notice that still holds.
      return {
        ...state,
        serverVersion: msg.version,
        title: msg.title,
        boards: msg.boards,
        families: msg.families || {},
        notice: null,
        warden: msg.warden || null,
        night: msg.night || null,
      };
    case "snapshot": {
      const tiles: Record<string, Tile> = {};
      for (const t of msg.tiles)
        tiles[t.id] = state.tiles[t.id] && sameTile(state.tiles[t.id]!, t) ? state.tiles[t.id]! : t;
      return { ...state, rev: msg.rev, tiles, needsResync: false };
    }
    case "patch": {
      if (state.rev === null || state.needsResync || msg.rev <= state.rev) return state;
      if (msg.rev !== state.rev + 1) return { ...state, needsResync: true };
      if (msg.tiles.length === 0 && msg.removed.length === 0) return { ...state, rev: msg.rev };
      const tiles: Record<string, Tile> = { ...state.tiles };
      for (const id of msg.removed) delete tiles[id];
      for (const t of msg.tiles) tiles[t.id] = t;
      return { ...state, rev: msg.rev, tiles };
    }
    case "notice":
      return { ...state, notice: { level: msg.level, text: msg.text, at: now } };
    case "heartbeat": {
      // The data's age (issue 12): a poll that changed nothing shown sends no patch, only this.
      let tiles = state.tiles;
      for (const b of state.boards)
        msg.checked?.[b.id]?.forEach((ago, i) => {
          const t = tiles[b.tiles[i]!],
            c = Date.parse(msg.at) - ago! * 1e3;
          // a second of slack: the ages are whole seconds, rounded up
          if (t && ago !== null && c > Date.parse(t.checkedAt!) + 1e3)
            tiles = { ...tiles, [t.id]: { ...t, checkedAt: new Date(c).toISOString() } };
        });
      return tiles === state.tiles ? state : { ...state, tiles };
    }
    default:
      return state;
  }
}

/** The notice to show at `now`: errors and warnings stay until replaced; info fades. */
export function visibleNotice(notice: Notice | null, now: number): Notice | null {
  if (!notice) return null;
  if (notice.level === "info" && now - notice.at > INFO_NOTICE_MS) return null;
  return notice;
}

/** Reload when the collector serves another build of this page (never for dev or unbuilt). */
export function shouldReload(ownVersion: string, serverVersion: string | null): boolean {
  if (!serverVersion || ownVersion === "dev" || serverVersion === "unbuilt") return false;
  return ownVersion !== serverVersion;
}

/**
 * The tiles of the given boards in board order (null = every board), each
 * once; tiles the server sent but no board lists come last.
 */
export function tilesOf(state: BoardState, boardIds: readonly string[] | null): Tile[] {
  const boards = boardIds ? state.boards.filter((b) => boardIds.includes(b.id)) : state.boards;
  const seen = new Set<string>();
  const out: Tile[] = [];
  for (const b of boards) {
    for (const id of b.tiles) {
      const t = state.tiles[id];
      if (t && !seen.has(id)) {
        seen.add(id);
        out.push(t);
      }
    }
  }
  if (!boardIds) for (const t of Object.values(state.tiles)) if (!seen.has(t.id)) out.push(t);
  return out;
}
