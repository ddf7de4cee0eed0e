import { describe, expect, it } from "vitest";
import source, { params } from "../../../collector/sources/host.ts";
import { normaliseWith } from "../../helpers/normalise.ts";
import { buildTile } from "../../helpers/builders.ts";

const now = new Date("2026-11-29T10:00:00Z");

describe("host normalise()", () => {
  it.each([
    ["cpu", 12, "ok"],
    ["cpu", 80, "warn"],
    ["cpu", 96, "fail"],
    ["memory", 84.9, "ok"],
    ["memory", 85, "warn"],
    ["memory", 95, "fail"],
    ["disk", 50, "ok"],
    ["disk", 90, "warn"],
    ["disk", 99, "fail"],
    ["load", 0.7, "ok"],
    ["load", 1.5, "warn"],
    ["load", 3.2, "fail"],
  ] as const)("%s at %d is %s with the default thresholds", (metric, value, status) => {
    const fields = normaliseWith(source, { value, detail: "x" }, params.parse({ metric }), { now });
    expect(fields.status).toBe(status);
    expect(fields.value).toBe(value);
  });

  it("uses the tile's own thresholds when given", () => {
    expect(
      normaliseWith(source, { value: 60, detail: "x" }, params.parse({ metric: "cpu", warn: 50, fail: 70 }), { now })
        .status,
    ).toBe("warn");
  });

  it("carries the limits it judged by (its own or the defaults) for the detail's chart", () => {
    const limits = (p: Record<string, unknown>) =>
      normaliseWith(source, { value: 60, detail: "x" }, params.parse(p), { now }).thresholds;
    expect(limits({ metric: "disk" })).toEqual({ warn: 85, fail: 95, direction: "above" });
    expect(limits({ metric: "cpu", warn: 50, fail: 70 })).toEqual({ warn: 50, fail: 70, direction: "above" });
  });

  it("a NaN sample is unknown, never green", () => {
    expect(normaliseWith(source, { value: Number.NaN, detail: "x" }, params.parse({}), { now }).status).toBe("unknown");
  });

  it("appends to the previous series for the sparkline", () => {
    const prev = normaliseWith(source, { value: 10, detail: "x" }, params.parse({}), {
      now: new Date(now.getTime() - 10_000),
    });
    const next = normaliseWith(source, { value: 20, detail: "x" }, params.parse({}), {
      now,
      previous: buildTile(prev),
    });
    expect(next.series).toEqual([
      { t: now.getTime() - 10_000, v: 10 },
      { t: now.getTime(), v: 20 },
    ]);
    expect(next.summary).toBe("20 % CPU busy · x");
  });
});
