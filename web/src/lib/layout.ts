/**
 * How many columns and rows fit `count` tiles into a `width` × `height` area
 * with the biggest tiles: for each column count, the tile is the largest box of
 * the preferred aspect that fits its cell; the best column count wins (ties go
 * to fewer empty cells).
 */
export interface GridFit {
  cols: number;
  rows: number;
}

/** Tiles read best wider than tall: a title wraps in two lines, the status word sits under it. */
export const TILE_ASPECT = 1.8;

export function fitGrid(count: number, width: number, height: number, aspect = TILE_ASPECT): GridFit {
  const n = Math.max(1, Math.floor(count));
  if (!(width > 0) || !(height > 0))
    return { cols: Math.ceil(Math.sqrt(n)), rows: Math.ceil(n / Math.ceil(Math.sqrt(n))) };
  let best: GridFit & { size: number; empty: number } = { cols: 1, rows: n, size: -1, empty: 0 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    if (cols > 1 && (cols - 1) * rows >= n) continue; // a column would stay empty
    const cellW = width / cols,
      cellH = height / rows;
    const size = Math.min(cellW / aspect, cellH);
    const empty = cols * rows - n;
    if (size > best.size * 1.0001 || (Math.abs(size - best.size) <= best.size * 0.0001 && empty < best.empty)) {
      best = { cols, rows, size, empty };
    }
  }
  return { cols: best.cols, rows: best.rows };
}
