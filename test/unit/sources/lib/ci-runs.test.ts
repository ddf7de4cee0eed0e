import { describe, expect, it } from "vitest";
import {
  buildTileFields,
  decisiveIndex,
  failingFirst,
  lookup,
  median,
  reusable,
  type Run,
} from "../../../../collector/sources/lib/ci-runs.ts";
import { buildRun, buildTile } from "../../../helpers/builders.ts";

const NOW = new Date("2026-11-29T10:30:00Z");
const opts = { now: NOW, field: "test state" };

describe("ci-runs", () => {
  it("lookup() finds only own keys, so a value like 'constructor' stays unknown", () => {
    expect(lookup({ a: "ok" }, "a")).toBe("ok");
    expect(lookup({ a: "ok" }, "constructor")).toBe("unknown");
    expect(lookup({ a: "ok" }, null)).toBe("unknown");
  });

  it("decisiveIndex() passes over running and skipped runs", () => {
    expect(decisiveIndex([buildRun(3, "running"), buildRun(2, "skip"), buildRun(1, "fail")])).toBe(2);
    expect(decisiveIndex([buildRun(1, "skip")])).toBe(-1);
  });

  it("buildTileFields() is unknown, not green, when no run completed", () => {
    const f = buildTileFields([buildRun(2, "running", { finishedAt: undefined }), buildRun(1, "skip")], opts);
    expect(f).toMatchObject({
      status: "unknown",
      running: true,
      summary: "no completed run among the last 2 · #2 running",
    });
  });

  it("buildTileFields() stops a streak at the first run that says otherwise", () => {
    const f = buildTileFields(
      [
        buildRun(4, "fail", { people: ["bob"], finishedAt: "2026-11-29T10:20:00Z" }),
        buildRun(3, "skip", { people: ["eve"] }),
        buildRun(2, "fail", { people: ["alice"], finishedAt: "2026-11-29T10:05:00Z" }),
        buildRun(1, "ok", { people: ["carol"] }),
      ],
      opts,
    );
    expect(f).toMatchObject({ status: "fail", since: "2026-11-29T10:05:00Z", people: ["alice", "bob"] });
  });

  it("buildTileFields() gives no progress without a successful run to compare with", () => {
    const f = buildTileFields([buildRun(2, "running"), buildRun(1, "fail")], opts);
    expect(f.running).toBe(true);
    expect(f.progress).toBeUndefined();
  });

  it("buildTileFields() says warn for an unstable run", () => {
    expect(buildTileFields([buildRun(1, "warn")], opts)).toMatchObject({
      status: "warn",
      summary: "#1 unstable · 20 min ago",
    });
  });

  it("failingFirst() orders fail, unknown, warn, ok, none and keeps upstream order within each", () => {
    const items = failingFirst([
      { title: "a", status: "ok" },
      { title: "b" },
      { title: "c", status: "fail" },
      { title: "d", status: "warn" },
      { title: "e", status: "fail" },
      { title: "f", status: "unknown" },
    ]);
    expect(items.map((i) => i.title)).toEqual(["c", "e", "f", "d", "a", "b"]);
  });

  it("median() of an even count averages the middle two", () => {
    expect(median([1, 10, 3, 5])).toBe(4);
    expect(median([])).toBeUndefined();
  });

  it("reusable() gives the previous items only for the same run with the same status", () => {
    const previous = buildTile({
      status: "fail",
      url: "https://ci.example/7",
      items: [{ title: "test", status: "fail" }],
      people: ["bob"],
    });
    expect(reusable(previous, buildRun(7, "fail"))).toEqual({ items: previous.items, people: ["bob"] });
    expect(reusable(previous, buildRun(7, "ok"))).toBeUndefined();
    expect(reusable(previous, buildRun(8, "fail"))).toBeUndefined();
    expect(reusable(undefined, buildRun(7, "fail"))).toBeUndefined();
  });
});
