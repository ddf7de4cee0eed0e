/**
 * A source kind: how one kind of tile is polled and normalised.
 *
 * Every kind has the same two steps. `load(ctx, params)` does the I/O through
 * `ctx.http` and returns the upstream answer as it came; `normalise(answer,
 * params, { now, previous, history, baseUrl })` is pure and turns it into tile
 * fields. Both may throw: the scheduler turns a throw into status `unknown`
 * plus `error`, in one place, so a source never catches to pretend all is well.
 *
 * @example
 * export const params = z.object({ repo: z.string() });
 * export default defineSource({
 *   kind: "github-actions", connection: "github", family: "build",
 *   description: "Latest completed workflow run on a branch",
 *   params,
 *   async load(ctx, p) {
 *     return (await ctx.http.json(`/repos/${p.repo}/actions/runs`, { query: { per_page: 20 }, signal: ctx.signal })).body;
 *   },
 *   normalise(body, p, { now }) { … return { status: "ok", summary: "…" }; },
 * });
 */
import type { z } from "zod";
import type { HistoryEntry, SeriesPoint, Tile, TileEvent, TileFamily, TileFields } from "../contract.ts";
import type { HttpClient } from "../http-client.ts";
import type { ConnectionConfig } from "../connections/define.ts";

export type { TileFamily } from "../contract.ts";

export interface PollContext {
  /** Bound to the connection's base URL and auth (or the tile's own `url`); the only way to reach upstream. */
  http: HttpClient;
  /** The parsed connection config, for building upstream links. Never copy a secret out of it. */
  connection?: ConnectionConfig;
  /** The connection's API root, without a trailing slash. */
  baseUrl?: string;
  now: Date;
  signal: AbortSignal;
  /** This tile as it was after the previous poll, if any. */
  previous?: Tile;
  /** The collector's own history of this tile (status and value changes), oldest first. */
  history: readonly HistoryEntry[];
  /**
   * Scratch memory this tile's poll job keeps between polls (e.g. `host`'s last CPU counters),
   * empty on the first poll and per job, never shared between tiles or collectors. Only `load` sees it
   * (and the collector's deploy comparison after it, under keys starting `deploys:`).
   */
  memo?: Map<string, unknown>;
  /** This tile's events kept in the history store from `from` (epoch ms) on, oldest first: what push kinds read. */
  events?(from: number): readonly TileEvent[];
}

/**
 * What a pure normaliser may know besides the upstream answer and the params.
 * The same shape for every kind, so copying a neighbour copies the right thing.
 */
export interface NormaliseContext {
  /** The injected clock's time of this poll. */
  now: Date;
  /** This tile as it was after the previous poll, if any. */
  previous?: Tile;
  /** The collector's own history of this tile, oldest first. */
  history: readonly HistoryEntry[];
  /** The connection's API root, without a trailing slash (for upstream links). */
  baseUrl?: string;
}

export interface SourceDefinition<P extends z.ZodObject = z.ZodObject, A = any> {
  /** = file name = registry key = config `kind`. */
  kind: string;
  /** Connection `type` the tile must name in `connection`; absent for kinds that need none. */
  connection?: string;
  family: TileFamily;
  /** One line for the JSON Schema and the README. */
  description: string;
  /** Tile parameters besides the common ones (id, title, kind, connection, every, staleAfter, timeout). */
  params: P;
  /**
   * Prose only a person can write, for the generated kinds reference (docs/kinds.md):
   * how upstream states map to ok/warn/fail/unknown, what the series is, quirks. Markdown.
   */
  notes?: string;
  /** A default poll interval for this kind when the config gives none. */
  every?: string;
  /**
   * I/O only: ask upstream for what this kind needs and return the answer as is. A kind that
   * needs several requests or headers returns a small typed object, e.g. `{ body, count }`.
   */
  load(ctx: PollContext, params: z.infer<P>): Promise<A>;
  /** Pure: the upstream answer → tile fields. Unit tests call it with fixtures (`normaliseWith`). */
  normalise(answer: A, params: z.infer<P>, ctx: NormaliseContext): TileFields;
  /**
   * Push nudges: `POST /api/webhooks/<name>` re-polls this kind's tiles at once
   * (those for which `matches` says yes). Polling stays the truth; a webhook only makes it fast.
   */
  webhook?: {
    name: string;
    /** Optional filter: does this payload concern a tile with these params? */
    matches?(payload: unknown, params: z.infer<P>): boolean;
  };
  /**
   * A push-in kind: `POST /api/events/<route>` checks the body, authenticates it with the tile's
   * secret param `tokenParam` and keeps the event in the history store; the kind's `load` reads it
   * back through `ctx.events`. Such a tile is a deploy source for metric tiles' `deploys`.
   */
  push?: {
    route: string;
    tokenParam: string;
    /** Pure: the posted body → the event to keep (without `tile` and `t`), or why it is refused. */
    accept(body: unknown, params: z.infer<P>): { event: Omit<TileEvent, "tile" | "t"> } | { error: string };
  };
  /** Param names whose values are secrets: redacted from every text like a connection's token. */
  secretParams?: readonly string[];
  /**
   * A metric kind's values over [from, to] (epoch ms) for the before/after-deploy comparison, when
   * upstream keeps a history (Prometheus `query_range`); without it the collector's own history is used.
   */
  range?(ctx: PollContext, params: z.infer<P>, from: number, to: number): Promise<SeriesPoint[]>;
}

export function defineSource<P extends z.ZodObject, A = any>(def: SourceDefinition<P, A>): SourceDefinition<P, A> {
  return def;
}

/** One poll of a kind: `load` then `normalise`. Used by the scheduler and the test helpers. */
export async function runSource<P extends z.ZodObject>(
  def: SourceDefinition<P>,
  ctx: PollContext,
  params: z.infer<P>,
): Promise<TileFields> {
  const answer = await def.load(ctx, params);
  return def.normalise(answer, params, {
    now: ctx.now,
    previous: ctx.previous,
    history: ctx.history,
    baseUrl: ctx.baseUrl,
  });
}
