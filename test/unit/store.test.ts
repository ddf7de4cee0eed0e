import { describe, expect, it } from "vitest";
import { Store, type Patch } from "../../collector/store.ts";
import { planFrom, type TilePlan } from "../../collector/plan.ts";
import { parseConfig } from "../../collector/config/load.ts";
import { buildConfig, buildFields } from "../helpers/builders.ts";
import { manualClock } from "../helpers/clock.ts";
import { MemoryHistory } from "../../collector/history/memory.ts";

function plansFor(tiles: Record<string, unknown>[] = [{}]): TilePlan[] {
  return planFrom(parseConfig(JSON.stringify(buildConfig(tiles)), "t.json", {}).config).tiles;
}

function setup(tiles?: Record<string, unknown>[]) {
  const clock = manualClock();
  const store = new Store(clock.now, 0);
  const patches: Patch[] = [];
  store.onPatch((p) => patches.push(p));
  store.setPlans(plansFor(tiles));
  store.flush();
  return { clock, store, patches };
}

describe("Store deploys", () => {
  it("a deploy: true tile records each new run as a deploy event with its lead time for changes", () => {
    const clock = manualClock();
    const backend = new MemoryHistory();
    const store = new Store(clock.now, 0, backend);
    store.setPlans(plansFor([{ deploy: true }]));
    const at = new Date(clock.now() - 10 * 60_000).toISOString();
    const fields = buildFields({ status: "ok", items: [{ title: "deploy", status: "ok", at }] });
    store.applyFields("t1", { ...fields, commitAt: new Date(clock.now() - 70 * 60_000).toISOString() });
    store.applyFields("t1", fields);
    expect(backend.events("t1", 0).map((e) => [e.type, e.note, e.ms])).toEqual([["deploy", "ok", 60 * 60_000]]);
    expect(store.get("t1")).not.toHaveProperty("commitAt");
  });
});

describe("Store", () => {
  it("starts every tile unknown: only a poll may say ok", () => {
    const { store } = setup();
    expect(store.get("t1")).toMatchObject({
      status: "unknown",
      checkedAt: null,
      stale: false,
      summary: "waiting for the first poll",
    });
  });

  it("applyFields() makes one patch with a rev one higher, and none when nothing changed", () => {
    const { store, patches } = setup();
    store.applyFields("t1", buildFields({ status: "fail", summary: "red" }));
    store.flush();
    store.applyFields("t1", buildFields({ status: "fail", summary: "red" }));
    store.flush();
    expect(patches.map((p) => p.rev)).toEqual([1, 2]);
    expect(patches[1]!.tiles.map((t) => t.status)).toEqual(["fail"]);
    // the second poll changed nothing but would refresh checkedAt only if time moved
    expect(store.rev).toBe(2);
  });

  it("a poll that only confirms what the screens show (later checkedAt) sends no patch, but the store has the new time", () => {
    const { store, clock, patches } = setup();
    store.applyFields("t1", buildFields({ status: "ok", summary: "green" }));
    store.flush();
    const checks = store.checks;
    clock.advance(10_000);
    store.applyFields("t1", buildFields({ status: "ok", summary: "green" }));
    store.flush();
    expect(patches.map((p) => p.rev)).toEqual([1, 2]);
    expect(store.get("t1")!.checkedAt).toBe(new Date(clock.now()).toISOString());
    expect(store.checks).toBe(checks + 1);
  });

  it("saves a check that changed nothing only once half of staleAfter has passed since the saved one", () => {
    const clock = manualClock();
    const saved: (string | null)[] = [];
    const backend = new (class extends MemoryHistory {
      override saveTile(tile: Parameters<MemoryHistory["saveTile"]>[0]): void {
        saved.push(tile.checkedAt);
        super.saveTile(tile);
      }
    })();
    const store = new Store(clock.now, 0, backend);
    store.setPlans(plansFor([{ every: "10s" }])); // staleAfter 30 s
    store.applyFields("t1", buildFields({ status: "ok" }));
    const first = saved.length;
    clock.advance(10_000);
    store.applyFields("t1", buildFields({ status: "ok" }));
    expect(saved.length).toBe(first);
    clock.advance(4999);
    store.applyFields("t1", buildFields({ status: "ok" }));
    expect(saved.length).toBe(first);
    clock.advance(1);
    store.applyFields("t1", buildFields({ status: "ok" }));
    expect(saved.length).toBe(first + 1);
    expect(saved.at(-1)).toBe(new Date(clock.now()).toISOString());
    store.dispose();
  });

  it("a later check is patched on a tile with an error: its face shows the data's age", () => {
    const { store, clock, patches } = setup();
    store.applyFields("t1", buildFields({ status: "warn", summary: "partial", error: "2 of 3 answered" }));
    store.flush();
    clock.advance(10_000);
    store.applyFields("t1", buildFields({ status: "warn", summary: "partial", error: "2 of 3 answered" }));
    store.flush();
    expect(patches.map((p) => p.rev)).toEqual([1, 2, 3]);
    expect(patches[2]!.tiles[0]!.checkedAt).toBe(new Date(clock.now()).toISOString());
  });

  it("after a quiet spell sends the changes of one turn as one patch on the next turn", async () => {
    const { store, patches } = setup([{ id: "a" }, { id: "b" }]);
    store.applyFields("a", buildFields({ status: "fail" }));
    store.applyFields("b", buildFields({ status: "fail" }));
    await new Promise((r) => setImmediate(r));
    expect(patches.map((p) => p.tiles.map((t) => t.id))).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  it("in a burst waits for the batching delay after the last patch", async () => {
    const store = new Store(manualClock().now, 60_000);
    const patches: Patch[] = [];
    store.onPatch((p) => patches.push(p));
    store.setPlans(plansFor([{ id: "a" }]));
    store.flush();
    store.applyFields("a", buildFields({ status: "fail" }));
    await new Promise((r) => setImmediate(r));
    expect(patches.length).toBe(1);
    store.flush();
    expect(patches.length).toBe(2);
    store.dispose();
  });

  it("sets since when the status changes and keeps it while it holds", () => {
    const { store, clock } = setup();
    store.applyFields("t1", buildFields({ status: "fail" }));
    const since = store.get("t1")!.since;
    clock.advance(60_000);
    store.applyFields("t1", buildFields({ status: "fail", summary: "still red" }));
    expect(store.get("t1")!.since).toBe(since);
    clock.advance(60_000);
    store.applyFields("t1", buildFields({ status: "ok" }));
    expect(store.get("t1")!.since).toBe(new Date(clock.now()).toISOString());
  });

  it("prefers the upstream's own since (start of a red streak)", () => {
    const { store } = setup();
    store.applyFields("t1", buildFields({ status: "fail", since: "2026-11-29T08:00:00.000Z" }));
    expect(store.get("t1")!.since).toBe("2026-11-29T08:00:00.000Z");
  });

  it("applyError() turns the tile unknown, keeps its last data and says why", () => {
    const { store, clock } = setup();
    store.applyFields("t1", buildFields({ status: "ok", summary: "green", value: 42 }));
    const checkedAt = store.get("t1")!.checkedAt;
    clock.advance(5000);
    store.applyError("t1", "cannot reach ci.example: ECONNREFUSED");
    expect(store.get("t1")).toMatchObject({
      status: "unknown",
      summary: "green",
      value: 42,
      checkedAt,
      error: "cannot reach ci.example: ECONNREFUSED",
    });
  });

  it("restores the old since when the same status returns after an error blip", () => {
    const { store, clock } = setup();
    store.applyFields("t1", buildFields({ status: "fail" }));
    const since = store.get("t1")!.since;
    clock.advance(10_000);
    store.applyError("t1", "timeout");
    clock.advance(10_000);
    store.applyFields("t1", buildFields({ status: "fail" }));
    expect(store.get("t1")!.since).toBe(since);
  });

  it("a rate-limited error keeps the status until the data goes stale", () => {
    const { store, clock } = setup([{ every: "10s" }]);
    store.applyFields("t1", buildFields({ status: "ok" }));
    store.applyError("t1", "rate limited until 14:05 UTC", true);
    expect(store.get("t1")).toMatchObject({ status: "ok", error: "rate limited until 14:05 UTC" });
    clock.advance(31_000);
    store.sweep();
    expect(store.get("t1")).toMatchObject({ status: "unknown", stale: true });
  });

  it("sweep() turns a green tile unknown after staleAfter (3 × every) without a successful poll", () => {
    const { store, clock } = setup([{ every: "10s" }]);
    store.applyFields("t1", buildFields({ status: "ok", summary: "all good" }));
    clock.advance(29_000);
    store.sweep();
    expect(store.get("t1")!.status).toBe("ok");
    clock.advance(2000);
    store.sweep();
    expect(store.get("t1")).toMatchObject({ status: "unknown", stale: true, summary: "all good" });
    expect(store.get("t1")!.error).toMatch(/no fresh data/);
    store.applyFields("t1", buildFields({ status: "ok" }));
    expect(store.get("t1")).toMatchObject({ status: "ok", stale: false });
  });

  it("drops non-http links from tiles and items", () => {
    const { store } = setup();
    store.applyFields(
      "t1",
      buildFields({
        status: "ok",
        url: "javascript:alert(1)",
        items: [
          { title: "a", url: "file:///etc/passwd" },
          { title: "b", url: "https://ci.example/1" },
        ],
      }),
    );
    const t = store.get("t1")!;
    expect(t.url).toBeUndefined();
    expect(t.items).toEqual([{ title: "a" }, { title: "b", url: "https://ci.example/1" }]);
  });

  it("keeps a bounded history of status and value changes", () => {
    const { store, clock } = setup();
    for (let i = 0; i < 1500; i++) {
      clock.advance(1000);
      store.applyFields("t1", buildFields({ status: "ok", value: i }));
    }
    const history = store.historyOf("t1");
    expect(history).toHaveLength(1000);
    expect(history.at(-1)).toMatchObject({ status: "ok", value: 1499 });
  });

  it("setPlans() keeps state of unchanged tiles, adds new ones and reports removed ones", () => {
    const { store, patches } = setup([{ id: "a" }, { id: "b" }]);
    store.applyFields("a", buildFields({ status: "fail" }));
    store.flush();
    store.setPlans(plansFor([{ id: "a", title: "Renamed" }, { id: "c" }]));
    store.flush();
    expect(store.get("a")).toMatchObject({ status: "fail", title: "Renamed" });
    expect(store.get("b")).toBeUndefined();
    expect(store.get("c")!.status).toBe("unknown");
    expect(patches.at(-1)!.removed).toEqual(["b"]);
  });
});
