import { describe, expect, it } from "vitest";
import { ariaLabel, countsText, formatValue, safeHref, stateDuration, whyText } from "../../../web/src/lib/format.ts";
import { buildTile } from "../../helpers/builders.ts";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000,
  H = 60 * MIN,
  D = 24 * H;

describe("stateDuration()", () => {
  it("says the colour and how long: red for 2 h 14 min", () => {
    expect(stateDuration(buildTile({ status: "fail", since: ago(2 * H + 14 * MIN), checkedAt: ago(0) }), NOW)).toBe(
      "red for 2 h 14 min",
    );
    expect(stateDuration(buildTile({ status: "ok", since: ago(3 * D), checkedAt: ago(0) }), NOW)).toBe("green for 3 d");
  });
  it("gives the age of the data for a stale tile instead", () => {
    expect(
      stateDuration(buildTile({ status: "unknown", stale: true, since: ago(H), checkedAt: ago(4 * MIN) }), NOW),
    ).toBe("no data for 4 min");
    expect(stateDuration(buildTile({ status: "unknown", stale: true, checkedAt: null }), NOW)).toBe("no data yet");
  });
  it("says only the colour when the start is not known", () => {
    expect(stateDuration(buildTile({ status: "warn", since: null, checkedAt: ago(0) }), NOW)).toBe("amber");
  });
});

describe("ariaLabel()", () => {
  it("reads like 'API main: failing for 2 h 14 min'", () => {
    expect(ariaLabel(buildTile({ title: "API main", status: "fail", since: ago(2 * H + 14 * MIN) }), NOW)).toBe(
      "API main: failing for 2 h 14 min",
    );
  });
  it("mentions a running build and its progress", () => {
    expect(
      ariaLabel(buildTile({ title: "Web", status: "ok", since: ago(MIN), running: true, progress: 0.42 }), NOW),
    ).toBe("Web: ok for 1 min, running 42 %");
  });
  it("says unknown and how old the data is for a stale tile", () => {
    expect(ariaLabel(buildTile({ title: "CPU", status: "unknown", stale: true, checkedAt: ago(4 * MIN) }), NOW)).toBe(
      "CPU: unknown, no data for 4 min",
    );
  });
});

describe("countsText()", () => {
  it("counts failing, warning and unknown tiles", () => {
    const tiles = [
      buildTile({ status: "fail" }),
      buildTile({ status: "fail" }),
      buildTile({ status: "warn" }),
      buildTile({ status: "ok" }),
    ];
    expect(countsText(tiles)).toBe("2 failing · 1 warning");
    expect(countsText([...tiles, buildTile({ status: "unknown" })])).toBe("2 failing · 1 warning · 1 unknown");
  });
  it("says all OK when nothing is wrong", () => {
    expect(countsText([buildTile({ status: "ok" }), buildTile({ status: "ok" })])).toBe("all 2 OK");
  });
});

describe("formatValue()", () => {
  it.each([
    [0.2553, "0.255"],
    [53.14, "53.1"],
    [180, "180"],
    [12345, "12.3k"],
    [2_500_000, "2.5M"],
    [NaN, "–"],
  ])("%d → %s", (v, text) => {
    expect(formatValue(v)).toBe(text);
  });
});

describe("safeHref()", () => {
  it.each([
    ["https://ci.example.com/run/1", "https://ci.example.com/run/1"],
    ["http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"],
    ["javascript:alert(1)", undefined],
    ["JAVASCRIPT:alert(1)", undefined],
    ["data:text/html,<script>", undefined],
    ["//evil.example.com", undefined],
    ["not a url", undefined],
    [undefined, undefined],
  ])("%s → %s", (url, href) => {
    expect(safeHref(url)).toBe(href);
  });
});

describe("whyText()", () => {
  it("says why and how old the data is for a failing source", () => {
    const tile = buildTile({
      status: "unknown",
      stale: true,
      error: "GitHub: token rejected",
      checkedAt: ago(12 * MIN),
    });
    expect(whyText(tile, NOW)).toBe("GitHub: token rejected · data 12 min old");
  });
  it("says no fresh data for a silent stale source, and nothing for a clean one", () => {
    expect(whyText(buildTile({ status: "unknown", stale: true, checkedAt: ago(4 * MIN) }), NOW)).toBe(
      "no fresh data · data 4 min old",
    );
    expect(whyText(buildTile({ status: "unknown", error: "connection refused", checkedAt: null }), NOW)).toBe(
      "connection refused · no data yet",
    );
    expect(whyText(buildTile({ status: "ok", checkedAt: ago(0) }), NOW)).toBe(null);
  });
});

describe("countsText() when all green", () => {
  it("says for how long the whole board has been green", () => {
    const tiles = [buildTile({ status: "ok", since: ago(3 * H) }), buildTile({ status: "ok", since: ago(5 * H) })];
    expect(countsText(tiles, NOW)).toBe("all 2 OK · green for 3 h");
    expect(countsText(tiles)).toBe("all 2 OK");
  });
});
