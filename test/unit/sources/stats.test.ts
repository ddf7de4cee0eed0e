import { describe, expect, it } from "vitest";
import statsKind, { toTileFields } from "../../../collector/sources/stats.ts";

const P = (p: Record<string, unknown> = {}) => statsKind.params.parse({ board: "main", ...p });
const figures = (
  f: Partial<{ greenShare: number | null; redSpells: number; mttrMs: number | null; daysSinceRed: number | null }> = {},
) => ({ greenShare: 0.95, redSpells: 2, mttrMs: 18 * 60_000, daysSinceRed: 5, ...f });
const report = (now = figures(), previous = figures({ mttrMs: 30 * 60_000 }), days = 7) => ({
  days,
  summary: now,
  previous,
  tiles: [],
  weeks: [],
});

describe("stats toTileFields()", () => {
  it('says "MTTR this week 18 min ▼ · 5 days since main was red" when time to green got shorter', () => {
    expect(toTileFields(report(), P())).toEqual({
      status: "ok",
      summary: "MTTR this week 18 min ▼ · 5 days since main was red · 95 % green",
      value: 18,
      unit: "min MTTR",
    });
  });

  it.each([
    [figures({ mttrMs: 40 * 60_000 }), "MTTR this week 40 min ▲ · 5 days since main was red · 95 % green"],
    [
      figures({ mttrMs: 30 * 60_000, daysSinceRed: 1 }),
      "MTTR this week 30 min · 1 day since main was red · 95 % green",
    ],
    [figures({ mttrMs: null, daysSinceRed: null, greenShare: 1 }), "no red spell ended this week · 100 % green"],
  ])("summary for %j", (now, summary) => {
    expect(toTileFields(report(now), P()).summary).toBe(summary);
  });

  it("is amber while something it covers is red, grey before the history covers the window", () => {
    expect(toTileFields(report(figures({ daysSinceRed: 0 })), P({ name: "API main" }))).toMatchObject({
      status: "warn",
      summary: expect.stringMatching(/ · API main is red now · /),
    });
    expect(toTileFields(report(figures({ greenShare: null, mttrMs: null, daysSinceRed: null })), P()).status).toBe(
      "unknown",
    );
  });

  it("names other windows plainly", () => {
    expect(toTileFields(report(figures(), figures(), 30), P()).summary).toMatch(/^MTTR over 30 days 18 min · /);
  });

  it("an answer of the wrong shape is an error (the scheduler makes it unknown)", () => {
    expect(() => toTileFields({ days: 7, summary: { greenShare: "x" } }, P())).toThrow();
  });
});
