/**
 * Scan to drill in (`?qr=on`): what a failing tile's QR code says, and its dark modules as row runs.
 * Only this module's `qrRuns` needs the encoder; it is imported by QrCode.svelte, which the page loads
 * lazily and only with `?qr=on`, so the TV bundle does not carry it.
 */
import { encode } from "uqr";

/** Where a phone lands: this page's origin and path, the boards it shows, and the tile's detail. */
export function detailUrl(loc: { origin: string; pathname: string; search: string }, tile: string): string {
  const boards = new URLSearchParams(loc.search).get("board");
  const q = new URLSearchParams();
  // the phone shows the same boards, without the TV's rotation timings, sound or QR codes
  if (boards)
    q.set(
      "board",
      boards
        .split(",")
        .map((b) => b.split(":")[0]!.trim())
        .filter(Boolean)
        .join(","),
    );
  q.set("tile", tile);
  return `${loc.origin}${loc.pathname}?${q.toString().replace(/%2C/gi, ",")}`;
}

export interface QrRuns {
  /** modules per side, quiet zone included */
  size: number;
  /** modules per side of the code itself (21, 25, 29, …) */
  modules: number;
  /** horizontal runs of dark modules: [x, y, length] */
  runs: [number, number, number][];
}

/** Medium error correction and a 2-module quiet zone (the tile's white plate adds more). */
export function qrRuns(text: string): QrRuns {
  const border = 2;
  const { data, size } = encode(text, { ecc: "M", border });
  const runs: [number, number, number][] = [];
  data.forEach((row, y) => {
    let start = -1;
    row.forEach((dark, x) => {
      if (dark && start < 0) start = x;
      if ((!dark || x === row.length - 1) && start >= 0) {
        runs.push([start, y, (dark ? x + 1 : x) - start]);
        start = -1;
      }
    });
  });
  return { size, modules: size - 2 * border, runs };
}
