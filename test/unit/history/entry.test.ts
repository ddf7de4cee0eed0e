import { describe, expect, it } from "vitest";
import { deployEvent, nextEntry } from "../../../collector/history/entry.ts";
import { buildTile } from "../../helpers/builders.ts";

const NOW = Date.parse("2026-12-01T12:00:00Z");

describe("nextEntry()", () => {
  it("dates a status change at the tile's since, after the previous entry", () => {
    const tile = buildTile({ status: "fail", since: new Date(NOW - 3_600_000).toISOString() });
    expect(nextEntry(tile, undefined, NOW)).toEqual({ entry: { t: NOW - 3_600_000, status: "fail" }, change: true });
    expect(nextEntry(tile, { t: NOW - 60_000, status: "unknown" }, NOW)).toEqual({
      entry: { t: NOW - 59_999, status: "fail" },
      change: true,
    });
  });

  it("adds nothing for the same status and value, and a value change at now", () => {
    const tile = buildTile({ status: "ok", value: 3, since: new Date(NOW - 3_600_000).toISOString() });
    expect(nextEntry(tile, { t: 1, status: "ok", value: 3 }, NOW)).toBe(null);
    expect(nextEntry({ ...tile, value: 4 }, { t: 1, status: "ok", value: 3 }, NOW)).toEqual({
      entry: { t: NOW, status: "ok", value: 4 },
      change: false,
    });
    expect(nextEntry(buildTile({ status: "unknown" }), undefined, NOW)).toBe(null);
  });
});

describe("deployEvent()", () => {
  const run = (title: string, status: "ok" | "fail", at = "2026-12-01T11:00:00Z") => ({ title, status, at });
  it("a new completed run is a deploy, dated at the run", () => {
    const old = buildTile({ items: [run("#1", "ok")] });
    expect(deployEvent(old, buildTile({ id: "api", items: [run("#2", "fail", "2026-12-01T11:30:00Z")] }), NOW)).toEqual(
      { tile: "api", t: Date.parse("2026-12-01T11:30:00Z"), type: "deploy", note: "fail" },
    );
  });

  it("records commit → deploy as the lead time when the CI API gave the commit time", () => {
    const old = buildTile({ items: [run("#1", "ok")] });
    const tile = buildTile({ id: "api", items: [run("#2", "ok", "2026-12-01T11:30:00Z")] });
    expect(deployEvent(old, tile, NOW, "2026-12-01T10:45:00Z")?.ms).toBe(45 * 60_000);
    // a commit "after" its deploy (clock skew) or an unreadable time gives no lead time, never a negative one
    expect(deployEvent(old, tile, NOW, "2026-12-01T11:31:00Z")).not.toHaveProperty("ms");
    expect(deployEvent(old, tile, NOW, "yesterday")).not.toHaveProperty("ms");
  });

  it("the same run again, a run without a result, or no runs is none", () => {
    const old = buildTile({ items: [run("#1", "ok")] });
    expect(deployEvent(old, buildTile({ items: [run("#1", "ok")] }), NOW)).toBe(null);
    expect(deployEvent(old, buildTile({ items: [{ title: "#2", status: "unknown" }] }), NOW)).toBe(null);
    expect(deployEvent(old, buildTile({}), NOW)).toBe(null);
  });
});
