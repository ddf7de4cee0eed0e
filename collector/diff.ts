import type { Tile } from "./contract.ts";

/** Two tiles are the same when their wire form is: a patch is sent only for a real change. */
export function sameTile(a: Tile | undefined, b: Tile): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
