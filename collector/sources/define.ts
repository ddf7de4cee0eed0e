/**
 * A source kind: how one kind of tile is polled and normalised.
 *
 * `poll` does the I/O through `ctx.http` and hands the answer to a pure
 * `toTileFields()` that the kind's file exports for unit tests. `poll` returns
 * values and may throw: the scheduler turns a throw into status `unknown` plus
 * `error`, in one place, so a source never catches to pretend all is well.
 *
 * @example
 * export const params = z.object({ repo: z.string() });
 * export function toTileFields(body: unknown, p: z.infer<typeof params>, now: Date): TileFields { … }
 * export default defineSource({
 *   kind: "github-actions", connection: "github", family: "build",
 *   description: "Latest completed workflow run on a branch",
 *   params,
 *   async poll(ctx, p) {
 *     const res = await ctx.http.json(`/repos/${p.repo}/actions/runs`, { query: { per_page: 20 } });
 *     return toTileFields(res.body, p, ctx.now);
 *   },
 * });
 */
import type { z } from "zod";
import type { HistoryEntry, Tile, TileFamily, TileFields } from "../contract.ts";
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
}

export interface SourceDefinition<P extends z.ZodObject = z.ZodObject> {
  /** = file name = registry key = config `kind`. */
  kind: string;
  /** Connection `type` the tile must name in `connection`; absent for kinds that need none. */
  connection?: string;
  family: TileFamily;
  /** One line for the JSON Schema and the README. */
  description: string;
  /** Tile parameters besides the common ones (id, title, kind, connection, every, staleAfter, timeout). */
  params: P;
  /** A default poll interval for this kind when the config gives none. */
  every?: string;
  poll(ctx: PollContext, params: z.infer<P>): Promise<TileFields>;
  /**
   * Push nudges: `POST /api/webhooks/<name>` re-polls this kind's tiles at once
   * (those for which `matches` says yes). Polling stays the truth; a webhook only makes it fast.
   */
  webhook?: {
    name: string;
    /** Optional filter: does this payload concern a tile with these params? */
    matches?(payload: unknown, params: z.infer<P>): boolean;
  };
}

export function defineSource<P extends z.ZodObject>(def: SourceDefinition<P>): SourceDefinition<P> {
  return def;
}
