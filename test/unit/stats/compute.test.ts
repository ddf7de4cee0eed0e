import { describe, expect, it } from "vitest";
import { boardStats, doraStats, redSpells, tileStats, timeIn } from "../../../collector/stats/compute.ts";
import type { HistoryEntry, Status, TileEvent } from "../../../collector/contract.ts";

const H = 3_600_000,
  D = 86_400_000,
  MIN = 60_000;
const FROM = Date.parse("2026-11-01T00:00:00Z");
const TO = FROM + 7 * D;
const at = (t: number, status: Status, value?: number): HistoryEntry =>
  value === undefined ? { t, status } : { t, status, value };

// A week: green from the start; red at day 1 for 2 h; red at day 3 for 30 min with a grey blip inside; a warning on day 4;
// red again at day 6 + 12 h, still red at the end.
const week: HistoryEntry[] = [
  at(FROM - D, "ok"),
  at(FROM + D, "fail"),
  at(FROM + D + H, "fail", 3),
  at(FROM + D + 2 * H, "ok"),
  at(FROM + 3 * D, "fail"),
  at(FROM + 3 * D + 10 * MIN, "unknown"),
  at(FROM + 3 * D + 20 * MIN, "fail"),
  at(FROM + 3 * D + 30 * MIN, "ok"),
  at(FROM + 4 * D, "warn"),
  at(FROM + 4 * D + H, "ok"),
  at(FROM + 6 * D + 12 * H, "fail"),
];
const claims: TileEvent[] = [
  { tile: "a", t: FROM + D + 20 * MIN, type: "claim", by: "Alice", ms: 20 * MIN },
  { tile: "a", t: FROM + 3 * D + 10 * MIN, type: "claim", by: "Bob", ms: 10 * MIN },
  { tile: "a", t: FROM - D, type: "claim", by: "old", ms: 99 * MIN },
];

describe("stats maths", () => {
  it("redSpells(): a spell runs from red to the next green; warnings and grey blips inside do not end it", () => {
    expect(
      redSpells(week).map((s) => [(s.start - FROM) / MIN, s.end === null ? null : (s.end - s.start) / MIN]),
    ).toEqual([
      [D / MIN, 120],
      [(3 * D) / MIN, 30],
      [(6 * D + 12 * H) / MIN, null],
    ]);
  });

  it("timeIn() splits the window by status, counting the status that held when it began", () => {
    expect(timeIn(week, FROM, TO)).toEqual({
      fail: 2 * H + 20 * MIN + 12 * H,
      unknown: 10 * MIN,
      warn: H,
      ok: 7 * D - (2 * H + 20 * MIN + 12 * H) - 10 * MIN - H,
    });
  });

  it("tileStats() on a known week", () => {
    const s = tileStats(week, claims, FROM, TO);
    const red = 2 * H + 20 * MIN + 12 * H;
    expect(s.greenShare).toBeCloseTo((7 * D - red - 10 * MIN - H) / (7 * D), 12);
    expect(s.redSpells).toBe(3);
    expect(s.mttrMs).toBe((120 * MIN + 30 * MIN) / 2);
    expect(s.longestRedMs).toBe(12 * H);
    expect(s.timeToClaimMs).toBe(15 * MIN);
    expect(s.streak).toEqual({ status: "fail", ms: 12 * H });
    expect(s.daysSinceRed).toBe(0);
  });

  it("days since red counts from the end of the last spell; never red is null", () => {
    const green = [at(FROM, "fail"), at(FROM + H, "ok")];
    expect(tileStats(green, [], FROM, FROM + 5 * D + 2 * H).daysSinceRed).toBe(5);
    expect(tileStats([at(FROM, "ok")], [], FROM, TO)).toEqual({
      greenShare: 1,
      redSpells: 0,
      mttrMs: null,
      longestRedMs: null,
      timeToClaimMs: null,
      streak: { status: "ok", ms: 7 * D },
      daysSinceRed: null,
    });
  });

  it("a window with no history says null, not 100 % green", () => {
    expect(tileStats([], [], FROM, TO).greenShare).toBe(null);
    expect(tileStats([at(TO + 1, "ok")], [], FROM, TO).greenShare).toBe(null);
  });

  it("a spell that began before the window counts in it; its time to green counts where it ended", () => {
    const s = tileStats([at(FROM - H, "fail"), at(FROM + H, "ok")], [], FROM, TO);
    expect([s.redSpells, s.mttrMs, s.longestRedMs]).toEqual([1, 2 * H, 2 * H]);
  });

  it("boardStats() weighs green share by time and takes MTTR over every spell", () => {
    const a = { entries: [at(FROM, "ok"), at(FROM + D, "fail"), at(FROM + D + H, "ok")], events: [] };
    const b = { entries: [at(FROM, "fail"), at(FROM + 3 * H, "ok")], events: [] };
    const s = boardStats([a, b], FROM, FROM + 2 * D);
    expect(s.greenShare).toBeCloseTo((4 * D - 4 * H) / (4 * D), 12);
    expect([s.redSpells, s.mttrMs, s.longestRedMs, s.daysSinceRed]).toEqual([2, 2 * H, 3 * H, 0]);
  });

  it("doraStats(): deployment frequency, change failure rate, lead time where known, time to restore", () => {
    const deploys: TileEvent[] = [
      { tile: "a", t: FROM + H, type: "deploy", note: "ok", ms: 30 * MIN },
      { tile: "a", t: FROM + D, type: "deploy", note: "fail" },
      { tile: "a", t: FROM + 2 * D, type: "deploy", note: "ok", ms: 90 * MIN },
      { tile: "a", t: FROM + 3 * D, type: "deploy", note: "ok" },
      { tile: "a", t: TO + 1, type: "deploy", note: "ok" },
    ];
    const d = doraStats(deploys, tileStats(week, [], FROM, TO), FROM, TO);
    expect(d).toEqual({
      deploys: 4,
      perDay: 3 / 7,
      changeFailureRate: 0.25,
      leadTimeMs: 60 * MIN,
      timeToRestoreMs: 75 * MIN,
    });
    expect(doraStats([], tileStats([], [], FROM, TO), FROM, TO)).toEqual({
      deploys: 0,
      perDay: 0,
      changeFailureRate: null,
      leadTimeMs: null,
      timeToRestoreMs: null,
    });
  });
});
