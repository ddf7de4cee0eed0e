/**
 * Current tiles, a bounded history per tile, and a monotonically increasing
 * `rev`. Changes are batched and flushed as one patch; the hub serialises
 * each patch once per board group.
 */
import type { HistoryEntry, Status, Tile, TileEvent, TileFields } from "./contract.ts";
import type { HistoryBackend } from "./history/types.ts";
import { MemoryHistory } from "./history/memory.ts";
import { nextEntry, pollDeploys } from "./history/entry.ts";
import { restoredTile } from "./history/restore.ts";
import { claimEnd, claimTile } from "./claims.ts";
import type { TilePlan } from "./plan.ts";
import { sameShown, sameStored, type Patch } from "./diff.ts";
import { Batcher } from "./batch.ts";
import { polledTile, sinceOf } from "./polled-tile.ts";
import type { Metrics } from "./metrics.ts";
import { CheckSaves, forgetStatusMetric, setStatusMetric } from "./tile-saves.ts";
import { dueAt, failedTile, staleTile } from "./tile-faults.ts";

export const HISTORY_LIMIT = 1000;
const FLUSH_DELAY_MS = 50;

export type { Patch } from "./diff.ts";

interface Meta {
  staleAfterMs: number;
  createdAt: number;
  deploy?: boolean;
  /** Lanes that change version are deploys to record (not for push kinds: their events are the record). */
  lanes?: boolean;
  /** The last status fresh data said, and since when: restored after a blip of unknown. */
  known?: { status: Status; since: string | null };
}

export class Store {
  rev = 0;
  /** Grows with every poll that only confirmed what the screens show: a snapshot cached per rev is redone. */
  checks = 0;
  /** Cluster mode: a check is a patch too, or followers (who learn only from patches) would see data age. */
  patchChecks = false;
  private readonly tiles = new Map<string, Tile>();
  private readonly history = new Map<string, HistoryEntry[]>();
  private readonly meta = new Map<string, Meta>();
  private readonly pending = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly batcher: Batcher;
  private readonly saves = new CheckSaves();
  private readonly listeners = new Set<(patch: Patch) => void>();

  /** Tiles as the history last saw them, taken over once by a tile of the same id and kind. */
  private readonly restorable: Map<string, Tile>;

  constructor(
    private readonly now: () => number = Date.now,
    flushDelayMs = FLUSH_DELAY_MS,
    private readonly backend: HistoryBackend = new MemoryHistory(),
    /** The collector's metrics, for `radiator_tile_status`; none in unit tests. */
    private readonly metrics?: Pick<Metrics, "tileStatus">,
  ) {
    this.restorable = backend.loadTiles();
    this.batcher = new Batcher(flushDelayMs, () => this.flush());
  }

  /** Where history goes; the server swaps in memory when the disk fails. */
  get historyBackend(): HistoryBackend {
    return this.backend;
  }

  onPatch(listener: (patch: Patch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): Tile | undefined {
    return this.tiles.get(id);
  }

  all(): Tile[] {
    return [...this.tiles.values()];
  }

  historyOf(id: string): readonly HistoryEntry[] {
    return this.history.get(id) ?? [];
  }

  /** Make the store hold exactly these tiles; unchanged ones keep state and history. */
  setPlans(plans: readonly TilePlan[]): void {
    const wanted = new Set(plans.map((p) => p.id));
    for (const id of this.tiles.keys()) {
      if (!wanted.has(id)) {
        forgetStatusMetric(this.metrics, this.tiles.get(id)!);
        this.tiles.delete(id);
        this.history.delete(id);
        this.meta.delete(id);
        this.saves.forget(id);
        this.pending.delete(id);
        this.removed.add(id);
      }
    }
    for (const p of plans) {
      const old = this.tiles.get(p.id);
      const meta = this.meta.get(p.id);
      if (old && old.kind === p.kind) {
        this.meta.set(p.id, { ...meta!, staleAfterMs: p.staleAfterMs, deploy: p.deploy, lanes: !p.def.push });
        if (old.board !== p.board) forgetStatusMetric(this.metrics, old);
        this.put({ ...old, title: p.title, board: p.board });
      } else {
        if (old) forgetStatusMetric(this.metrics, old);
        this.history.delete(p.id);
        const lanes = !p.def.push;
        this.meta.set(p.id, { staleAfterMs: p.staleAfterMs, createdAt: this.now(), deploy: p.deploy, lanes });
        this.removed.delete(p.id);
        const saved = this.restorable.get(p.id);
        this.restorable.delete(p.id);
        if (!old && saved?.kind === p.kind) {
          this.restore({ ...saved, title: p.title, board: p.board }, p.staleAfterMs);
          continue;
        }
        this.put({
          id: p.id,
          board: p.board,
          title: p.title,
          kind: p.kind,
          status: "unknown",
          running: false,
          since: null,
          checkedAt: null,
          stale: false,
          summary: "waiting for the first poll",
        });
      }
    }
  }

  /** Fresh data from a successful poll. */
  applyFields(id: string, fields: TileFields): void {
    const old = this.tiles.get(id);
    const meta = this.meta.get(id);
    if (!old || !meta) return;
    const now = this.now();
    const nowIso = new Date(now).toISOString();
    const since = sinceOf(fields, meta.known, nowIso);
    meta.known = { status: fields.status, since };
    // a claim ends by itself when the tile turns ok
    const fixed = fields.status === "ok" ? old.claim : null;
    if (fixed) this.backend.addEvent(claimEnd(id, fixed, "fixed", now));
    const tile = polledTile(old, fields, since, nowIso, fixed ? null : (old.claim ?? null));
    for (const e of pollDeploys(old, tile, now, { ...meta, commitAt: fields.commitAt })) this.backend.addEvent(e);
    this.put(tile);
  }

  /**
   * A failed poll: the tile turns unknown and keeps its last data with its age.
   * `keepStatus` (rate limits) keeps the status until the data goes stale.
   */
  applyError(id: string, message: string, keepStatus = false): void {
    const old = this.tiles.get(id);
    if (!old) return;
    if (keepStatus && old.checkedAt && !old.stale) {
      this.put({ ...old, error: message });
      return;
    }
    this.put(failedTile(old, message, this.now()));
  }

  /** Tiles without a successful poll within staleAfter turn unknown (silence is never green); when the next is due. */
  sweep(): number {
    let next = Infinity;
    for (const tile of this.tiles.values()) {
      const stale = this.staled(tile);
      if (stale) this.put(stale);
      else next = Math.min(next, dueAt(tile, this.meta.get(tile.id)));
    }
    return next;
  }

  /**
   * Cluster mode: take tiles and rev from the leader as they are. Listeners are not told (the
   * relay hands the leader's bytes to the hub itself); history is recorded as on the leader, and
   * what fresh data last said is kept, so this replica keeps `since` if it becomes the leader.
   * Tiles the leader's data says are past their staleAfter are taken as stale: never a false green.
   */
  adopt(tiles: readonly Tile[], removed: readonly string[], rev: number): void {
    for (const id of removed) {
      const old = this.tiles.get(id);
      if (!old) continue;
      forgetStatusMetric(this.metrics, old);
      this.tiles.delete(id);
      this.history.delete(id);
      this.pending.delete(id);
    }
    for (const t of tiles) {
      const meta = this.meta.get(t.id);
      // a tile this replica's config does not have: the configs differ; it is left out here
      if (!meta) continue;
      if (t.status !== "unknown" && !t.stale) meta.known = { status: t.status, since: t.since };
      this.put(this.staled(t) ?? { ...t }, true, false);
      this.pending.delete(t.id);
    }
    this.rev = rev;
  }

  private staled(tile: Tile): Tile | undefined {
    const meta = this.meta.get(tile.id);
    return meta && staleTile(tile, dueAt(tile, meta) - meta.staleAfterMs, meta.staleAfterMs, this.now());
  }

  /** "Alice is on it": refused for a missing tile or one that is ok. */
  claim(id: string, by: string, note: string): Tile | "missing" | "ok" {
    const claimed = claimTile(this.tiles.get(id), by, note, this.now());
    if (typeof claimed === "string") return claimed;
    this.backend.addEvent(claimed.event);
    this.put(claimed.tile);
    return this.tiles.get(id)!;
  }

  /** Give a claim back; a tile without one stays as it is. */
  release(id: string): Tile | undefined {
    const old = this.tiles.get(id);
    if (!old) return undefined;
    if (old.claim) {
      this.backend.addEvent(claimEnd(id, old.claim, "release", this.now()));
      this.put({ ...old, claim: null });
    }
    return this.tiles.get(id);
  }

  /** Claims, releases and fixes of one tile (or all) from `from` on. */
  eventsOf(id: string | null, from = 0): TileEvent[] {
    return this.backend.events(id, from);
  }

  /** Send what changed now (normally done on the next turn, or after a short delay in a burst). */
  flush(): void {
    this.batcher.cancel();
    if (this.pending.size === 0 && this.removed.size === 0) return;
    this.batcher.ran();
    this.rev++;
    const patch: Patch = {
      rev: this.rev,
      tiles: [...this.pending].map((id) => this.tiles.get(id)!).filter(Boolean),
      removed: [...this.removed],
    };
    this.pending.clear();
    this.removed.clear();
    for (const l of this.listeners) l(patch);
  }

  dispose(): void {
    this.batcher.cancel();
  }

  /**
   * Take over a tile saved before the restart, keeping the status it had known
   * for the first fresh poll. The restart itself is not a status change in the timeline.
   */
  private restore(saved: Tile, staleAfterMs: number): void {
    const meta = this.meta.get(saved.id)!;
    if (saved.status !== "unknown" && !saved.stale) meta.known = { status: saved.status, since: saved.since };
    this.history.set(saved.id, this.backend.entries(saved.id, 0, HISTORY_LIMIT));
    this.put(restoredTile(saved, staleAfterMs, this.now()), false);
  }

  private put(tile: Tile, record = true, notify = true): void {
    for (const k of Object.keys(tile) as (keyof Tile)[]) if (tile[k] === undefined) delete tile[k];
    tile.claim ??= null;
    const old = this.tiles.get(tile.id);
    if (sameStored(old, tile)) return;
    const shownSame = sameShown(old, tile);
    this.tiles.set(tile.id, tile);
    if (!shownSame || this.saves.due(tile, this.meta.get(tile.id)?.staleAfterMs)) {
      this.backend.saveTile(tile);
      this.saves.saved(tile);
    }
    if (record) this.record(tile, old);
    else setStatusMetric(this.metrics, tile);
    if (!notify) return;
    // Only checkedAt moved: no patch; the hub's heartbeat carries the new age.
    if (shownSame && !this.patchChecks) {
      this.checks++;
      return;
    }
    this.pending.add(tile.id);
    this.batcher.soon();
  }

  /** Compared with the last entry, not the last tile, so a restart adds nothing. */
  private record(tile: Tile, old: Tile | undefined): void {
    if (old?.status !== tile.status || old.board !== tile.board) setStatusMetric(this.metrics, tile);
    const list = this.history.get(tile.id) ?? [];
    const next = nextEntry(tile, list.at(-1), this.now());
    if (!next) return;
    const { entry, change } = next;
    list.push(entry);
    if (list.length > HISTORY_LIMIT) list.splice(0, list.length - HISTORY_LIMIT);
    this.history.set(tile.id, list);
    this.backend.addEntry(tile.id, entry, change);
  }
}
