/** The current state in Redis (tiles and rev), written only through the fenced script. */
import type { Tile } from "../contract.ts";
import type { ClusterKeys } from "./keys.ts";
import type { ClusterRedis } from "./redis.ts";

export interface SharedState {
  rev: number;
  /** The replica whose write is the last one Redis accepted. */
  writer: string;
  fence: number;
  tiles: Tile[];
}

export interface Write {
  fence: number;
  rev: number;
  writer: string;
  /** Replace every tile (a new leader's first write, or after Redis was away). */
  full: boolean;
  frame: Buffer;
  tiles: readonly Tile[];
  removed: readonly string[];
}

/** true: written and published; false: refused, the fencing token is stale. */
export async function writeState(redis: ClusterRedis, keys: ClusterKeys, w: Write): Promise<boolean> {
  const pairs = w.tiles.flatMap((t) => [t.id, JSON.stringify(t)]);
  const result = await redis.write(
    keys.lease,
    keys.fence,
    keys.tiles,
    keys.meta,
    keys.relay,
    `${w.fence}:${w.writer}`,
    w.fence,
    w.rev,
    w.writer,
    w.full ? "1" : "0",
    w.frame,
    w.tiles.length,
    ...pairs,
    ...w.removed,
  );
  return Number(result) === 1;
}

/** null when no leader has written yet. */
export async function readState(redis: ClusterRedis, keys: ClusterKeys): Promise<SharedState | null> {
  const [meta, tiles] = await Promise.all([redis.main.hgetall(keys.meta), redis.main.hgetall(keys.tiles)]);
  if (meta.rev === undefined) return null;
  return {
    rev: Number(meta.rev),
    writer: meta.writer ?? "",
    fence: Number(meta.fence ?? 0),
    tiles: Object.values(tiles).map((json) => JSON.parse(json) as Tile),
  };
}
