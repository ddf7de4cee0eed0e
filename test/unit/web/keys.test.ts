import { describe, expect, it } from "vitest";
import { neighbour } from "../../../web/src/lib/keys.ts";

// a 3 × 2 grid of 100 × 50 boxes: 0 1 2 / 3 4 5
const grid = Array.from({ length: 6 }, (_, i) => ({ x: (i % 3) * 110, y: Math.floor(i / 3) * 60, w: 100, h: 50 }));

describe("neighbour()", () => {
  it("moves along rows and columns", () => {
    expect(neighbour(grid, 0, "ArrowRight")).toBe(1);
    expect(neighbour(grid, 1, "ArrowDown")).toBe(4);
    expect(neighbour(grid, 4, "ArrowLeft")).toBe(3);
    expect(neighbour(grid, 5, "ArrowUp")).toBe(2);
  });
  it("stays put at an edge", () => {
    expect(neighbour(grid, 2, "ArrowRight")).toBe(2);
    expect(neighbour(grid, 0, "ArrowUp")).toBe(0);
  });
});
