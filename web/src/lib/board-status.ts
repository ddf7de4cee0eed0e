import type { Status } from "../../../collector/contract.ts";

/**
 * The colour of a board's header: fail > warn > unknown > ok. Green only when
 * every tile is ok; an empty board or one grey tile is not a green board.
 */
export function boardStatus(tiles: readonly { status: Status }[]): Status {
  const has = (s: Status) => tiles.some((t) => t.status === s);
  if (has("fail")) return "fail";
  if (has("warn")) return "warn";
  if (tiles.length === 0 || tiles.some((t) => t.status !== "ok")) return "unknown";
  return "ok";
}
