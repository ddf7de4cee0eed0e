import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fitGrid } from "../../../web/src/lib/layout.ts";

describe("fitGrid()", () => {
  it.each([
    [1, 1920, 1000, 1, 1],
    [2, 1920, 1000, 2, 1],
    [4, 1920, 1000, 2, 2],
    [11, 1920, 1000, 4, 3],
    [40, 1920, 1000, 7, 6], // 274×166 px cells beat 8×5's 240×200 for a 1.8:1 tile
    [40, 3840, 2100, 7, 6],
    [40, 1000, 1920, 4, 10],
    [3, 400, 800, 1, 3], // a phone held upright stacks the tiles
  ])("%d tiles in %d×%d → %d columns × %d rows", (n, w, h, cols, rows) => {
    expect(fitGrid(n, w, h)).toEqual({ cols, rows });
  });

  it("always has room for every tile and never a whole empty row or column", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 200, max: 4000 }),
        fc.integer({ min: 200, max: 4000 }),
        (n, w, h) => {
          const { cols, rows } = fitGrid(n, w, h);
          expect(cols * rows).toBeGreaterThanOrEqual(n);
          expect((cols - 1) * rows).toBeLessThan(n);
          expect(cols * (rows - 1)).toBeLessThan(n);
        },
      ),
    );
  });

  it("falls back to a square-ish grid before the size is known", () => {
    expect(fitGrid(9, 0, 0)).toEqual({ cols: 3, rows: 3 });
  });
});
