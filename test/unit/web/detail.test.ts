import { describe, expect, it } from "vitest";
import { detailChart, historyNote, thresholdLines, thresholdsOf } from "../../../web/src/lib/detail.ts";
import { detailUrl, qrRuns } from "../../../web/src/lib/qr.ts";
import { buildTile } from "../../helpers/builders.ts";

const T = Date.parse("2026-11-29T12:04:00Z");

describe("thresholds", () => {
  it("reads only finite numbers and a known direction; none at all is null", () => {
    const tile = (t: unknown) => ({ ...buildTile(), thresholds: t }) as ReturnType<typeof buildTile>;
    expect(thresholdsOf(tile({ warn: 200, fail: 500, direction: "below" }))).toEqual({
      warn: 200,
      fail: 500,
      direction: "below",
    });
    expect(thresholdsOf(tile({ warn: "200", fail: Number.NaN, direction: "up" }))).toBeNull();
    expect(thresholdsOf(tile(undefined))).toBeNull();
    expect(thresholdsOf(buildTile())).toBeNull();
    expect(thresholdLines({ fail: 10, direction: "below" }, "%")).toEqual([
      { y: 10, label: "fail below 10 %", status: "fail" },
    ]);
  });
});

describe("detailChart", () => {
  it("plots a build's series as labelled run durations", () => {
    const tile = buildTile({
      series: [
        { t: 1, v: 30 },
        { t: 2, v: 40 },
      ],
    });
    expect(detailChart("build", [], tile, T)).toEqual({
      mode: "value",
      points: [
        { x: 1, y: 30 },
        { x: 2, y: 40 },
      ],
      unit: "s",
      label: "Run duration",
      xLabel: "run started",
    });
  });

  it("draws a metric's thresholds as lines, and none when the data has none", () => {
    const history = [
      { t: 1, status: "ok" as const, value: 5 },
      { t: 2, status: "ok" as const, value: 6 },
    ];
    const tile = { ...buildTile({ unit: "ms" }), thresholds: { warn: 7 } };
    expect(detailChart("metric", history, tile, T).lines).toEqual([{ y: 7, label: "warn at 7 ms", status: "warn" }]);
    expect(detailChart("metric", history, buildTile(), T).lines).toBeUndefined();
  });
});

describe("historyNote", () => {
  const history = [{ t: T, status: "fail" as const }];
  it("says when the history starts after the state began", () => {
    const note = historyNote(history, { since: "2026-11-29T09:10:00Z", status: "fail", stale: false }, T + 3_600_000);
    expect(note).toMatch(/^history starts \d\d:\d\d; red since \d\d:\d\d$/);
  });
  it("is silent when the history covers the state, when since is unknown, or when stale", () => {
    expect(historyNote(history, { since: new Date(T).toISOString(), status: "fail", stale: false }, T + 1)).toBeNull();
    expect(historyNote(history, { since: null, status: "fail", stale: false }, T + 1)).toBeNull();
    expect(historyNote(history, { since: "2026-11-29T09:10:00Z", status: "fail", stale: true }, T + 1)).toBeNull();
    expect(historyNote([], { since: "2026-11-29T09:10:00Z", status: "fail", stale: false }, T + 1)).toBeNull();
  });
});

describe("the QR code", () => {
  it("links to the tile's detail on the same boards, without the TV's timings, sound or QR", () => {
    const loc = {
      origin: "http://tv.example:8080",
      pathname: "/",
      search: "?board=a:60s,b:20s&sound=on&qr=on&theme=light",
    };
    expect(detailUrl(loc, "api ci")).toBe("http://tv.example:8080/?board=a,b&tile=api+ci");
    expect(detailUrl({ ...loc, search: "" }, "x")).toBe("http://tv.example:8080/?tile=x");
  });
  it("has 17 + 4v modules a side, a quiet zone of 2, and dark runs only inside", () => {
    const qr = qrRuns("http://tv.example:8080/?board=a,b&tile=api+ci");
    expect((qr.modules - 17) % 4).toBe(0);
    expect(qr.size).toBe(qr.modules + 4);
    for (const [x, y, w] of qr.runs) {
      expect(Math.min(x, y)).toBeGreaterThanOrEqual(2);
      expect(x + w).toBeLessThanOrEqual(qr.size - 2);
    }
    // the top-left finder pattern's first row is one run of 7
    expect(qr.runs[0]).toEqual([2, 2, 7]);
  });
});
