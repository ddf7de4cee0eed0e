import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  beforeAfter,
  deployMarkers,
  judgeImpact,
  median,
  regressed,
  withImpact,
} from "../../../collector/deploys/compare.ts";
import { historySeries } from "../../../collector/deploys/watch.ts";
import { STATUS_RANK, type DeployMarker, type Status, type TileEvent } from "../../../collector/contract.ts";

const MIN = 60_000;
const T = Date.parse("2026-11-30T12:00:00Z");
const w = { beforeMs: 30 * MIN, afterMs: 30 * MIN, threshold: 0.2, direction: "up" as const, status: "warn" as const };
const marker: DeployMarker = { t: T, version: "1.4.3", environment: "production", source: "api-prod" };

/** One point a minute from `from` to `to` (inclusive) with value `v`. */
function flat(from: number, to: number, v: number) {
  const out = [];
  for (let t = from; t <= to; t += MIN) out.push({ t, v });
  return out;
}

describe("deploy markers", () => {
  it("takes the named sources' successful deploys, oldest first", () => {
    const events: TileEvent[] = [
      { tile: "api-prod", t: T + 5, type: "deploy", note: "ok", status: "succeeded", version: "1.4.4" },
      { tile: "api-prod", t: T + 9, type: "deploy", note: "fail", status: "failed", version: "1.4.5" },
      { tile: "ci", t: T, type: "deploy", note: "ok" },
      { tile: "other", t: T, type: "deploy", note: "ok" },
      { tile: "api-prod", t: T + 1, type: "claim", by: "alice" },
    ];
    expect(deployMarkers(events, ["api-prod", "ci"])).toEqual([
      { t: T, version: null, environment: null, source: "ci" },
      { t: T + 5, version: "1.4.4", environment: null, source: "api-prod" },
    ]);
  });
});

describe("before/after", () => {
  it("medians of each side: 100 before, 228 after is +128 %", () => {
    const series = [
      ...flat(T - 30 * MIN, T - MIN, 100),
      { t: T + MIN, v: 100 },
      ...flat(T + 2 * MIN, T + 12 * MIN, 228),
    ];
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(null);
    expect(beforeAfter(series, T, T + 12 * MIN, w)).toEqual({ before: 100, after: 228, change: 1.28 });
  });

  it("compares the latest `after` window, so a change that ends shows as ended", () => {
    const series = [
      ...flat(T - 30 * MIN, T - MIN, 100),
      ...flat(T, T + 40 * MIN, 300),
      ...flat(T + 41 * MIN, T + 80 * MIN, 110),
    ];
    expect(beforeAfter(series, T, T + 80 * MIN, w)).toEqual({ before: 100, after: 110, change: 0.1 });
  });

  it("says nothing without points on a side, and no percentage from zero", () => {
    expect(beforeAfter(flat(T, T + 5 * MIN, 1), T, T + 5 * MIN, w)).toBe(null);
    expect(beforeAfter(flat(T - 5 * MIN, T - MIN, 1), T, T + 5 * MIN, w)).toBe(null);
    expect(beforeAfter([...flat(T - 5 * MIN, T - MIN, 0), { t: T + MIN, v: 3 }], T, T + 5 * MIN, w)).toEqual({
      before: 0,
      after: 3,
      change: null,
    });
  });

  it("judges the bad direction only, at the threshold", () => {
    expect(regressed(0.2, w)).toBe(true);
    expect(regressed(0.19, w)).toBe(false);
    expect(regressed(-0.5, w)).toBe(false);
    expect(regressed(-0.2, { ...w, direction: "down" })).toBe(true);
    expect(regressed(0.9, { ...w, direction: "down" })).toBe(false);
    expect(regressed(null, w)).toBe(false);
  });

  it("says the regression on the TV, amber, and that it cleared", () => {
    const now = T + 12 * MIN;
    const bad = judgeImpact(marker, { before: 100, after: 228, change: 1.28 }, undefined, "p95 latency", now, w);
    expect(bad).toEqual({
      marker,
      before: 100,
      after: 228,
      change: 1.28,
      regressed: true,
      text: "p95 latency +128 % since deploy 1.4.3 (12 min ago)",
    });
    expect(withImpact({ status: "ok", summary: "228 ms", value: 228 }, bad, w)).toEqual({
      status: "warn",
      summary: "p95 latency +128 % since deploy 1.4.3 (12 min ago) · 228 ms",
      value: 228,
      impact: bad,
    });
    expect(withImpact({ status: "ok", summary: "228 ms" }, bad, { status: "fail" }).status).toBe("fail");

    const later = T + 50 * MIN;
    const cleared = judgeImpact(marker, { before: 100, after: 105, change: 0.05 }, bad, "p95 latency", later, w);
    expect(cleared.text).toBe("p95 latency: the regression since deploy 1.4.3 has cleared (+5 % now)");
    expect(cleared.clearedAt).toBe(later);
    expect(withImpact({ status: "ok", summary: "105 ms" }, cleared, w)).toEqual({
      status: "ok",
      summary: "p95 latency: the regression since deploy 1.4.3 has cleared (+5 % now) · 105 ms",
      impact: cleared,
    });
    // still cleared one window later: quiet again
    const quiet = judgeImpact(
      marker,
      { before: 100, after: 105, change: 0.05 },
      cleared,
      "p95 latency",
      later + 30 * MIN,
      w,
    );
    expect(quiet.text).toBe(undefined);
    expect(quiet.clearedAt).toBe(later);
    // a change below the threshold never said anything
    const small = judgeImpact(marker, { before: 100, after: 110, change: 0.1 }, undefined, "p95 latency", now, w);
    expect(small).toEqual({ marker, before: 100, after: 110, change: 0.1, regressed: false });
  });

  it("samples the history's step line evenly", () => {
    const h = [
      { t: 0, status: "ok" as const, value: 1 },
      { t: 50, status: "ok" as const },
      { t: 100, status: "ok" as const, value: 3 },
    ];
    expect(historySeries(h, 0, 200, 4)).toEqual([
      { t: 0, v: 1 },
      { t: 50, v: 1 },
      { t: 100, v: 3 },
      { t: 150, v: 3 },
      { t: 200, v: 3 },
    ]);
    expect(historySeries(h, -100, -50, 2)).toEqual([]);
  });
});

describe("property", () => {
  const status = fc.constantFrom<Status>("ok", "warn", "fail", "unknown");
  it("an impact never turns a tile ok, never better, and never out of unknown", () => {
    fc.assert(
      fc.property(
        status,
        fc.array(fc.record({ t: fc.integer({ min: -40, max: 40 }), v: fc.double({ noNaN: true }) }), { maxLength: 30 }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.constantFrom<"up" | "down">("up", "down"),
        fc.constantFrom<"warn" | "fail">("warn", "fail"),
        fc.boolean(),
        (s, points, threshold, direction, verdict, wasBad) => {
          const ww = { beforeMs: 20 * MIN, afterMs: 20 * MIN, threshold, direction, status: verdict };
          const series = points.map((p) => ({ t: T + p.t * MIN, v: p.v }));
          const figures = beforeAfter(series, T, T + 40 * MIN, ww);
          if (!figures) return;
          const prev = wasBad ? { marker, before: 1, after: 2, change: 1, regressed: true } : undefined;
          const impact = judgeImpact(marker, figures, prev, "m", T + 40 * MIN, ww);
          const out = withImpact({ status: s, summary: "x" }, impact, ww);
          expect(STATUS_RANK[out.status]).toBeLessThanOrEqual(STATUS_RANK[s]);
          if (s !== "ok") expect(out.status).not.toBe("ok");
          if (s === "unknown") expect(out.status).toBe("unknown");
          if (impact.regressed) expect(out.status).not.toBe("ok");
        },
      ),
      { numRuns: 500 },
    );
  });
});
