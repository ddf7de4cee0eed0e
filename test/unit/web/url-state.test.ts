import { describe, expect, it } from "vitest";
import { parseRotate, parseUrl, socketUrl, withTile } from "../../../web/src/lib/url-state.ts";

const DEFAULTS = {
  boards: null,
  rotateMs: null,
  boardMs: [],
  pauseOnRed: false,
  theme: "dark",
  layout: null,
  broken: false,
  sound: false,
  qr: false,
  tile: null,
};

describe("parseUrl()", () => {
  it("reads boards, rotation, theme and the open tile", () => {
    expect(parseUrl("?board=a,b&rotate=30s&theme=light&tile=api-ci")).toEqual({
      ...DEFAULTS,
      boards: ["a", "b"],
      rotateMs: 30_000,
      boardMs: [null, null],
      theme: "light",
      tile: "api-ci",
    });
  });
  it("defaults to every board, no rotation, dark theme, no tile", () => {
    expect(parseUrl("")).toEqual(DEFAULTS);
    expect(parseUrl("?board=&theme=pink&layout=spiral")).toEqual(DEFAULTS);
  });
  it("reads per-board durations, themes, layouts and the opt-ins", () => {
    expect(
      parseUrl("?board=a:60s,b:20s,c&pause=red&theme=high-contrast&layout=attention&show=broken&sound=on&qr=on"),
    ).toEqual({
      ...DEFAULTS,
      boards: ["a", "b", "c"],
      rotateMs: 60_000,
      boardMs: [60_000, 20_000, null],
      pauseOnRed: true,
      theme: "high-contrast",
      layout: "attention",
      broken: true,
      sound: true,
      qr: true,
    });
    expect(parseUrl("?theme=hc&layout=fixed")).toEqual({ ...DEFAULTS, theme: "high-contrast", layout: "fixed" });
  });
});

describe("parseRotate()", () => {
  it.each([
    ["30s", 30_000],
    ["2m", 120_000],
    ["1h", 3_600_000],
    ["45", 45_000],
    ["1s", 5000],
    ["soon", null],
    [null, null],
    ["0s", null],
  ])("%s → %s", (text, ms) => {
    expect(parseRotate(text)).toBe(ms);
  });
});

describe("withTile()", () => {
  it("sets and removes the tile, keeping the other parameters", () => {
    expect(withTile("?board=a,b&rotate=30s", "api-ci")).toBe("?board=a,b&rotate=30s&tile=api-ci");
    expect(withTile("?board=a&tile=api-ci", null)).toBe("?board=a");
    expect(withTile("?tile=x", null)).toBe("");
  });
});

describe("socketUrl()", () => {
  it("follows the page's host and scheme and asks for the boards", () => {
    expect(socketUrl({ protocol: "http:", host: "tv:8080" }, ["a", "b"])).toBe("ws://tv:8080/ws?board=a,b");
    expect(socketUrl({ protocol: "https:", host: "radiator.example.com" }, null)).toBe("wss://radiator.example.com/ws");
  });
});
