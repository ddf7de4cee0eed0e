import { describe, expect, it } from "vitest";
import { glanceSizes, titleSize, wrappedLines } from "../../../web/src/lib/glance.ts";

describe("glanceSizes()", () => {
  it("gives a 24-tile 1080p cell (≈370×189 px) a ≥ 28 px title and a ≥ 22 px status word", () => {
    const s = glanceSizes(370, 189);
    expect(s.titleFloor).toBeGreaterThanOrEqual(28);
    expect(s.word).toBeGreaterThanOrEqual(22);
  });
  it("gives a 60-tile 1080p cell (≈226×113 px) a ≥ 18 px title and a ≥ 14 px status word", () => {
    const s = glanceSizes(226, 113);
    expect(s.titleFloor).toBeGreaterThanOrEqual(18);
    expect(s.word).toBeGreaterThanOrEqual(14);
  });
});

describe("titleSize()", () => {
  it("keeps a short title at full size and shrinks a long one, not below the floor while there is room", () => {
    const s = glanceSizes(370, 260);
    expect(titleSize("API", s)).toBe(s.title);
    const long = titleSize("Payments API integration tests main bran", s);
    expect(long).toBeLessThan(s.title);
    expect(long).toBeGreaterThanOrEqual(s.titleFloor);
  });
  it("wraps greedily by words", () => {
    expect(wrappedLines("aaaa bbbb cccc", 10, 10 * 0.64 * 9)).toBe(2);
    expect(wrappedLines("aaaa", 10, 10 * 0.64 * 9)).toBe(1);
    expect(wrappedLines("a".repeat(20), 10, 10 * 0.64 * 9)).toBe(3);
  });
  it("goes below the floor only when three lines would push the status off the tile", () => {
    const s = glanceSizes(200, 90);
    const px = titleSize("Payments API integration tests main bran", s);
    expect(px).toBeLessThan(s.titleFloor);
    expect(px * 1.17 * 3).toBeLessThanOrEqual(s.titleBudget + 1e-9);
  });
});
