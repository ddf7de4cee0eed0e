import { describe, expect, it } from "vitest";
import { chartData, statusPeriods } from "../../../web/src/lib/history.ts";
import { sparkPath, MAX_POINTS } from "../../../web/src/lib/sparkline.ts";

describe("statusPeriods()", () => {
  it("merges repeated statuses and runs the last period to now", () => {
    const history = [
      { t: 100, status: "ok" as const },
      { t: 200, status: "ok" as const, value: 3 },
      { t: 300, status: "fail" as const },
      { t: 500, status: "ok" as const },
    ];
    expect(statusPeriods(history, 900)).toEqual([
      { status: "ok", from: 100, to: 300 },
      { status: "fail", from: 300, to: 500 },
      { status: "ok", from: 500, to: 900 },
    ]);
  });
});

describe("chartData()", () => {
  it("charts values when the history has them", () => {
    const d = chartData(
      [
        { t: 1, status: "ok", value: 5 },
        { t: 2, status: "warn", value: 9 },
      ],
      { unit: "ms" },
      10,
    );
    expect(d).toEqual({
      mode: "value",
      points: [
        { x: 1, y: 5 },
        { x: 2, y: 9 },
      ],
      unit: "ms",
    });
  });
  it("falls back to the tile's series, then to the status as steps", () => {
    expect(
      chartData(
        [],
        {
          series: [
            { t: 1, v: 2 },
            { t: 3, v: 4 },
          ],
        },
        10,
      ).points,
    ).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ]);
    const steps = chartData(
      [
        { t: 1, status: "ok" },
        { t: 5, status: "fail" },
      ],
      {},
      10,
    );
    expect(steps.mode).toBe("status");
    expect(steps.points).toEqual([
      { x: 1, y: 3 },
      { x: 5, y: 3 },
      { x: 5, y: 0 },
      { x: 10, y: 0 },
    ]);
  });
});

describe("sparkPath()", () => {
  it("draws nothing for fewer than two points", () => {
    expect(sparkPath(undefined)).toBe("");
    expect(sparkPath([{ t: 1, v: 1 }])).toBe("");
  });
  it("spans the box: oldest at x=0, newest at x=w, highest value at the top", () => {
    const d = sparkPath(
      [
        { t: 0, v: 0 },
        { t: 5, v: 10 },
        { t: 10, v: 5 },
      ],
      100,
      30,
    );
    expect(d).toBe("M0.0 29.0L50.0 1.0L100.0 15.0");
  });
  it("keeps at most MAX_POINTS points however long the series is", () => {
    const long = Array.from({ length: 1000 }, (_, i) => ({ t: i, v: Math.sin(i) }));
    const segments = sparkPath(long).split(/[ML]/).filter(Boolean).length;
    expect(segments).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(segments).toBeGreaterThan(MAX_POINTS / 2);
  });
});
