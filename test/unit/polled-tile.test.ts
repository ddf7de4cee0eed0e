import { describe, expect, it } from "vitest";
import { polledTile } from "../../collector/polled-tile.ts";
import { buildTile } from "../helpers/builders.ts";

const old = buildTile({ id: "lat", kind: "prometheus" });
const NOW = "2026-11-29T10:00:00.000Z";

describe("polledTile()", () => {
  it("keeps the limits a metric was judged by, defaulting the direction to above", () => {
    const tile = polledTile(
      old,
      { status: "warn", summary: "320 ms", thresholds: { warn: 200, fail: 500 } },
      null,
      NOW,
      null,
    );
    expect(tile.thresholds).toEqual({ warn: 200, fail: 500, direction: "above" });
  });

  it("drops limits that are not finite numbers, and the field when none is left", () => {
    const odd = { status: "ok" as const, summary: "1", thresholds: { warn: Number.NaN, fail: Infinity } };
    expect(polledTile(old, odd, null, NOW, null).thresholds).toBeUndefined();
    expect(polledTile(old, { status: "ok", summary: "1" }, null, NOW, null)).not.toHaveProperty("thresholds");
  });
});
