import { describe, expect, it } from "vitest";
import type { Status } from "../../../collector/contract.ts";
import { boardStatus } from "../../../web/src/lib/board-status.ts";

const tiles = (...s: string[]) => s.map((status) => ({ status: status as Status }));

describe("boardStatus()", () => {
  it.each([
    [["fail", "warn", "unknown", "ok"], "fail"],
    [["warn", "unknown", "ok"], "warn"],
    [["unknown", "ok", "ok"], "unknown"],
    [["unknown", "unknown"], "unknown"],
    [["ok", "ok"], "ok"],
    [[], "unknown"],
    [["ok", "bogus"], "unknown"],
  ])("tiles %j colour the header %s", (statuses, expected) => {
    expect(boardStatus(tiles(...statuses))).toBe(expected);
  });
});
