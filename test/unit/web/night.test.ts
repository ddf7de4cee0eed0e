import { describe, expect, it } from "vitest";
import { burnInOffset, isNight, BURN_IN_MS } from "../../../web/src/lib/night.ts";

const at = (hhmm: string) => Date.parse(`2026-11-29T${hhmm}:00Z`);
const night = { from: "20:00", to: "07:00", dim: 0.3 };

describe("isNight()", () => {
  it("wraps past midnight", () => {
    expect(isNight(at("21:30"), night, 0)).toBe(true);
    expect(isNight(at("03:00"), night, 0)).toBe(true);
    expect(isNight(at("07:00"), night, 0)).toBe(false);
    expect(isNight(at("12:00"), night, 0)).toBe(false);
  });
  it("handles a same-day window and the screen's time zone", () => {
    expect(isNight(at("13:00"), { from: "12:00", to: "14:00", dim: 0.5 }, 0)).toBe(true);
    expect(isNight(at("19:30"), night, -60)).toBe(true); // UTC+1: 20:30 local
    expect(isNight(at("12:00"), null, 0)).toBe(false);
  });
});

describe("burnInOffset()", () => {
  it("moves a few pixels every few minutes and comes back", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const o = burnInOffset(i * BURN_IN_MS);
      expect(Math.abs(o.x)).toBeLessThanOrEqual(3);
      expect(Math.abs(o.y)).toBeLessThanOrEqual(3);
      seen.add(`${o.x},${o.y}`);
    }
    expect(seen.size).toBe(8);
    expect(burnInOffset(8 * BURN_IN_MS)).toEqual(burnInOffset(0));
  });
});
