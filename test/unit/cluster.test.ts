/** Cluster parts without Redis: the relay frame, the per-board encoding, settings, and Store.adopt. */
import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame } from "../../collector/cluster/frame.ts";
import { PatchEncoder, partsLookup, patchOf } from "../../collector/cluster/relay.ts";
import { clusterOptions, ClusterUrlError, describeRedis } from "../../collector/cluster/options.ts";
import { Store, type Patch } from "../../collector/store.ts";
import { planFrom } from "../../collector/plan.ts";
import { parseConfig } from "../../collector/config/load.ts";
import { buildConfig, buildTile } from "../helpers/builders.ts";
import { manualClock } from "../helpers/clock.ts";

describe("relay frame", () => {
  it("carries each part's bytes unchanged", () => {
    const parts = new Map([
      ["team", Buffer.from('{"type":"patch","rev":7,"tiles":[],"removed":[]}')],
      ["*", Buffer.from('{"type":"patch","rev":7,"tiles":[{"id":"é"}],"removed":[]}')],
    ]);
    const frame = decodeFrame(encodeFrame({ v: 1, rev: 7, from: "a:1", fence: 3, full: false, events: [] }, parts));
    expect(frame).toMatchObject({ rev: 7, from: "a:1", fence: 3, full: false, events: [] });
    expect([...frame.parts.keys()]).toEqual(["team", "*"]);
    for (const [k, v] of parts) expect(frame.parts.get(k)!.equals(v)).toBe(true);
  });

  it("writes a part that is the same Buffer as an earlier one once, and gives it back under both keys", () => {
    const one = Buffer.from('{"type":"patch","rev":8,"tiles":[{"id":"a"}],"removed":[]}');
    const quiet = Buffer.from('{"type":"patch","rev":8,"tiles":[],"removed":[]}');
    const header = { v: 1 as const, rev: 8, from: "a:1", fence: 3, full: false, events: [] };
    const bytes = encodeFrame(
      header,
      new Map([
        ["team", one],
        ["*", one],
        [" quiet", quiet],
      ]),
    );
    const head = bytes.subarray(0, bytes.indexOf(0x0a)).length + 1;
    expect(bytes.length).toBe(head + one.length + quiet.length);
    const frame = decodeFrame(bytes);
    expect([...frame.parts.keys()]).toEqual(["team", "*", " quiet"]);
    expect(frame.parts.get("*")!.equals(one)).toBe(true);
    expect(frame.parts.get(" quiet")!.equals(quiet)).toBe(true);
  });

  it("refuses a frame whose lengths do not add up", () => {
    const bytes = encodeFrame(
      { v: 1, rev: 1, from: "a", fence: 1, full: false, events: [] },
      new Map([["*", Buffer.from("{}")]]),
    );
    expect(() => decodeFrame(bytes.subarray(0, bytes.length - 1))).toThrow(/shorter or longer/);
    expect(() => decodeFrame(Buffer.from("no header"))).toThrow(/without a header/);
  });
});

describe("PatchEncoder", () => {
  it("serialises a patch once per board and once for all, as the hub would", () => {
    const encoder = new PatchEncoder([
      { id: "team", title: "Team", tiles: ["a", "gone"] },
      { id: "ops", title: "Ops", tiles: ["b"] },
    ]);
    const a = buildTile({ id: "a", board: "team" });
    const patch: Patch = { rev: 4, tiles: [a], removed: ["gone"] };
    const parts = encoder.encode(patch);
    expect(parts.get("team")!.toString()).toBe(
      JSON.stringify({ type: "patch", rev: 4, tiles: [a], removed: ["gone"] }),
    );
    expect(parts.has("ops")).toBe(false);
    const lookup = partsLookup(parts);
    expect(lookup.get("ops")!.toString()).toBe(JSON.stringify({ type: "patch", rev: 4, tiles: [], removed: [] }));
    expect(lookup.get("ops,team")).toBeUndefined();
    expect(patchOf(parts.get("*"))).toEqual(patch);
    // a patch of one board is its all-boards patch: the same bytes, made once (team, quiet)
    expect(parts.get("*")).toBe(parts.get("team"));
    expect(encoder.serialisations).toBe(2);
    const b = buildTile({ id: "b", board: "ops" });
    const both = encoder.encode({ rev: 5, tiles: [a, b], removed: [] });
    expect(patchOf(both.get("*"))).toEqual({ rev: 5, tiles: [a, b], removed: [] });
    expect(encoder.serialisations).toBe(2 + 4);
  });
});

describe("cluster settings", () => {
  it("is off without an address; --cluster wins over the config; the password is a secret", () => {
    expect(clusterOptions(undefined, undefined)).toBeUndefined();
    expect(clusterOptions(undefined, { leaseTtl: "5s", prefix: "r" })).toBeUndefined();
    const got = clusterOptions("redis://:pa%24s@h:6379/2", { redis: "redis://other:1/0", leaseTtl: "5s", prefix: "r" });
    expect(got?.options).toEqual({ redis: "redis://:pa%24s@h:6379/2", leaseTtlMs: 5000, prefix: "r" });
    expect(got?.secrets).toEqual(["pa$s", "pa%24s"]);
    expect(describeRedis("redis://:pa%24s@h:6379/2")).toBe("redis://h:6379/2");
  });

  it("names what is wrong with an address without repeating it", () => {
    for (const bad of ["http://:secretpw@h/0", "not a url secretpw", "redis://:secretpw@h/x"]) {
      let message = "";
      try {
        clusterOptions(bad, undefined);
      } catch (err) {
        expect(err).toBeInstanceOf(ClusterUrlError);
        message = (err as Error).message;
      }
      expect(message).not.toBe("");
      expect(message.includes("secretpw")).toBe(false);
    }
  });
});

describe("Store.adopt", () => {
  const plans = planFrom(parseConfig(JSON.stringify(buildConfig([{ staleAfter: "1m" }])), "t.json", {}).config).tiles;

  it("takes the leader's tiles and rev without telling listeners, and keeps since for a later poll", () => {
    const clock = manualClock();
    const store = new Store(clock.now, 0);
    store.setPlans(plans);
    store.flush();
    const patches: Patch[] = [];
    store.onPatch((p) => patches.push(p));
    const checkedAt = new Date(clock.now()).toISOString();
    const tile = buildTile({
      id: "t1",
      board: "main",
      title: "Tile 1",
      kind: "demo",
      status: "fail",
      since: "2026-11-29T08:00:00.000Z",
      checkedAt,
    });
    store.adopt([tile], [], 41);
    store.flush();
    expect(patches).toEqual([]);
    expect(store.rev).toBe(41);
    expect(store.get("t1")?.status).toBe("fail");
    expect(store.historyOf("t1").at(-1)?.status).toBe("fail");
    // This replica leads now: the next poll keeps "red since 08:00".
    store.applyFields("t1", { status: "fail", summary: "still red" });
    store.flush();
    expect(store.get("t1")?.since).toBe("2026-11-29T08:00:00.000Z");
    expect(patches.map((p) => p.rev)).toEqual([42]);
  });

  it("takes a tile whose data is past staleAfter as stale: never a false green", () => {
    const clock = manualClock();
    const store = new Store(clock.now, 0);
    store.setPlans(plans);
    const old = new Date(clock.now() - 120_000).toISOString();
    store.adopt([buildTile({ id: "t1", board: "main", kind: "demo", status: "ok", checkedAt: old })], [], 3);
    expect(store.get("t1")).toMatchObject({ status: "unknown", stale: true });
  });
});
