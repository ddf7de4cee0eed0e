import { describe, expect, it } from "vitest";
import { ago, formatAge, parseDuration } from "../../collector/durations.ts";

describe("parseDuration()", () => {
  it.each([
    ["250ms", 250],
    ["15s", 15_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["1.5s", 1500],
    ["2d", 172_800_000],
  ])("reads %s as %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "5", "5 minutes", "m5", "-5s", "5x"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("formatAge()", () => {
  it.each([
    [0, "0 s"],
    [45_000, "45 s"],
    [60_000, "1 min"],
    [5 * 60_000 + 59_000, "5 min"],
    [28 * 3_600_000, "1 d 4 h"],
    [2 * 3_600_000 + 14 * 60_000, "2 h 14 min"],
    [3_600_000, "1 h"],
    [3 * 86_400_000 + 2 * 3_600_000, "3 d 2 h"],
    [-5000, "0 s"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });

  it("ago() counts from an ISO time to now", () => {
    expect(ago("2026-11-29T10:00:00Z", new Date("2026-11-29T10:12:00Z"))).toBe("12 min ago");
  });
});
