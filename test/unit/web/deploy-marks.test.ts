import { describe, expect, it } from "vitest";
import { sparkPath } from "../../../web/src/lib/sparkline.ts";
import { detailChart, impactLine } from "../../../web/src/lib/detail.ts";
import type { Tile } from "../../../collector/contract.ts";

const tile: Tile = {
  id: "lat",
  board: "b",
  title: "p95",
  kind: "prometheus",
  status: "warn",
  running: false,
  since: null,
  checkedAt: null,
  stale: false,
  summary: "",
  unit: "ms",
};

describe("deploy marks on the page", () => {
  it("draws a tick up from the bottom of the sparkline at each mark, before the line", () => {
    const points = [
      { t: 0, v: 0 },
      { t: 100, v: 10 },
    ];
    expect(sparkPath(points, 100, 30)).toBe("M0.0 29.0L100.0 1.0");
    expect(sparkPath(points, 100, 30, [25])).toBe("M25.0 30v-9M0.0 29.0L100.0 1.0");
  });

  it("gives the detail chart a marker per deploy, labelled with its version", () => {
    const history = [
      { t: 1, status: "ok" as const, value: 100 },
      { t: 5, status: "warn" as const, value: 228 },
    ];
    const markers = [
      { t: 3, version: "1.4.3", environment: "production", source: "api" },
      { t: 4, version: null, environment: null, source: "ci" },
    ];
    expect(detailChart("metric", history, { ...tile, markers }, 10).markers).toEqual([
      { x: 3, label: "deploy 1.4.3" },
      { x: 4, label: "deploy" },
    ]);
    expect(detailChart("metric", history, tile, 10).markers).toBe(undefined);
  });

  it("says the before/after figures in words", () => {
    const marker = { t: Date.UTC(2026, 10, 30, 12, 0), version: "1.4.3", environment: "production", source: "api" };
    const line = impactLine({ marker, before: 100, after: 228, change: 1.28, regressed: true }, "ms");
    expect(line.replace(/at \d\d:\d\d/, "at HH:MM")).toBe(
      "deploy 1.4.3 to production at HH:MM: 100 ms before, 228 ms after (+128 %), a regression",
    );
  });
});
