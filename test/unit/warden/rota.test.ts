import { describe, expect, it } from "vitest";
import { currentWarden, nudgeText, parseLocal, rotaTurn } from "../../../collector/warden/rota.ts";
import { wardenSchema } from "../../../collector/warden/config.ts";
import { untilText, wardenText } from "../../../web/src/lib/warden.ts";
import { buildTile } from "../../helpers/builders.ts";

const WEEK = 7 * 86_400_000,
  MIN = 60_000;
// local times, so the tests hold in any time zone
const FROM = new Date(2026, 10, 30, 9, 0).getTime(); // Mon 30 Nov 2026 09:00
const cfg = (extra: object = {}) =>
  wardenSchema.parse({ rota: ["Alice", "Bob", "Carol"], every: "1w", from: "2026-11-30T09:00", ...extra });

describe("fire warden rota", () => {
  it("parseLocal() reads an ISO local time in the collector's zone", () => {
    expect(parseLocal("2026-11-30T09:00")).toBe(FROM);
    expect(parseLocal("2026-11-30T09:00:30")).toBe(FROM + 30_000);
  });

  it.each([
    [0, "Alice", 1],
    [WEEK - 1, "Alice", 1],
    [WEEK, "Bob", 2],
    [2 * WEEK + 5, "Carol", 3],
    [3 * WEEK, "Alice", 4],
    [-1, "Carol", 0],
  ])("rotaTurn() at from + %i ms is %s until turn %i ends", (offset, name, turnsEnd) => {
    expect(rotaTurn(["Alice", "Bob", "Carol"], FROM, WEEK, FROM + offset)).toEqual({
      name,
      until: FROM + turnsEnd * WEEK,
    });
  });

  it("currentWarden() from a rota names the person and the end of the turn", () => {
    expect(currentWarden(cfg({ nudgeAfter: "15m" }), FROM + WEEK + 3 * MIN, () => undefined)).toEqual({
      name: "Bob",
      until: new Date(FROM + 2 * WEEK).toISOString(),
      nudgeAfterMs: 15 * MIN,
    });
    expect(currentWarden(undefined, FROM, () => undefined)).toBe(null);
  });

  it("currentWarden() from an on-call tile takes its first person, and nobody from a grey tile", () => {
    const w = wardenSchema.parse({ tile: "oncall", nudgeAfter: "20m" });
    const oncall = buildTile({
      id: "oncall",
      status: "ok",
      people: ["Dana", "Eve"],
      checkedAt: "2026-11-30T09:00:00Z",
    });
    expect(currentWarden(w, FROM, () => oncall)).toEqual({ name: "Dana", until: null, nudgeAfterMs: 20 * MIN });
    expect(currentWarden(w, FROM, () => ({ ...oncall, stale: true, status: "unknown" }))).toEqual({
      name: null,
      until: null,
      nudgeAfterMs: 20 * MIN,
    });
    expect(currentWarden(w, FROM, () => undefined)!.name).toBe(null);
  });

  it("the config needs a rota or a tile, not both", () => {
    expect(wardenSchema.safeParse({ rota: ["a"], tile: "x" }).success).toBe(false);
    expect(wardenSchema.safeParse({ every: "1w" }).success).toBe(false);
    expect(wardenSchema.safeParse({ rota: ["a"], from: "next monday" }).success).toBe(false);
  });
});

describe("nudges", () => {
  const warden = { name: "Alice", until: null, nudgeAfterMs: 15 * MIN };
  const red = (extra = {}) =>
    buildTile({
      status: "fail",
      since: new Date(FROM).toISOString(),
      checkedAt: new Date(FROM).toISOString(),
      ...extra,
    });

  it("an unclaimed red tile older than nudgeAfter asks the warden", () => {
    expect(nudgeText(red(), warden, FROM + 20 * MIN)).toBe("unclaimed 20 min — Alice?");
    expect(nudgeText(red(), { ...warden, name: null }, FROM + 20 * MIN)).toBe("unclaimed 20 min");
  });

  it.each([
    ["younger than nudgeAfter", red(), FROM + 14 * MIN],
    ["claimed", red({ claim: { by: "Bob", note: "", at: new Date(FROM).toISOString() } }), FROM + 20 * MIN],
    ["warning, not red", red({ status: "warn" }), FROM + 20 * MIN],
    ["stale", red({ stale: true }), FROM + 20 * MIN],
  ])("no nudge when %s", (_why, tile, now) => {
    expect(nudgeText(tile, warden, now)).toBe(null);
  });

  it("no nudge without nudgeAfter or a warden config", () => {
    expect(nudgeText(red(), { ...warden, nudgeAfterMs: null }, FROM + 60 * MIN)).toBe(null);
    expect(nudgeText(red(), null, FROM + 60 * MIN)).toBe(null);
  });
});

describe("header text", () => {
  it('says "Fire warden: Alice (until Mon 09:00)"', () => {
    expect(wardenText({ name: "Alice", until: new Date(FROM + WEEK).toISOString(), nudgeAfterMs: null })).toBe(
      "Fire warden: Alice (until Mon 09:00)",
    );
    expect(wardenText({ name: "Dana", until: null, nudgeAfterMs: null })).toBe("Fire warden: Dana");
    expect(wardenText({ name: null, until: null, nudgeAfterMs: null })).toBe(null);
    expect(untilText(new Date(2026, 11, 3, 17, 5).toISOString())).toBe("Thu 17:05");
  });
});
