import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Scheduler } from "../../collector/scheduler.ts";
import { Store } from "../../collector/store.ts";
import { defineSource, type SourceDefinition } from "../../collector/sources/define.ts";
import type { TilePlan } from "../../collector/plan.ts";
import type { TileFields } from "../../collector/contract.ts";
import { UpstreamError } from "../../collector/http-client.ts";

// Fake timers and a fake Date drive the scheduler: no test depends on how fast the machine is.
const running: Scheduler[] = [];
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-11-29T10:00:00Z") });
});
afterEach(() => {
  for (const s of running.splice(0)) s.stop();
  vi.useRealTimers();
});

function source(poll: () => Promise<TileFields>, webhook?: SourceDefinition["webhook"]): SourceDefinition {
  return defineSource({
    kind: "fake",
    family: "check",
    description: "test",
    params: z.object({}),
    load: poll,
    normalise: (f: TileFields) => f,
    webhook,
  });
}

function plan(def: SourceDefinition, overrides: Partial<TilePlan> = {}): TilePlan {
  return {
    id: "t1",
    board: "main",
    title: "T",
    kind: "fake",
    def,
    params: {},
    everyMs: 100,
    staleAfterMs: 10_000,
    timeoutMs: 1000,
    pollKey: "k1",
    ...overrides,
  };
}

function start(plans: TilePlan[], opts: ConstructorParameters<typeof Scheduler>[1] = {}) {
  const store = new Store(Date.now, 0);
  store.setPlans(plans);
  const scheduler = new Scheduler(store, { random: () => 0.5, ...opts });
  running.push(scheduler);
  scheduler.apply(plans);
  return { store, scheduler };
}

/** Move the fake clock on, running every timer and the promises they start. */
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("Scheduler", () => {
  it("runs identical polls once for tiles on several boards", async () => {
    let calls = 0;
    const def = source(async () => (calls++, { status: "ok", summary: "fine" }));
    const { store } = start([plan(def, { id: "a", board: "b1" }), plan(def, { id: "b", board: "b2" })]);
    // first poll at 50 ms (random 0.5 × 100), then every 100 ms (jitter 0 at random 0.5): 50, 150, 250, 350
    await sleep(380);
    expect(calls).toBe(4);
    expect(store.get("a")!.status).toBe("ok");
    expect(store.get("b")!.status).toBe("ok");
  });

  it("with coalesceMs, starts the polls due in one slot together at its end (one wake-up), never early", async () => {
    const at: Record<string, number[]> = { a: [], b: [] };
    const t0 = Date.now();
    const def = (id: string) => source(async () => (at[id]!.push(Date.now() - t0), { status: "ok", summary: id }));
    start(
      [
        plan(def("a"), { id: "a", pollKey: "a", everyMs: 1000 }),
        plan(def("b"), { id: "b", pollKey: "b", everyMs: 1300 }),
      ],
      { coalesceMs: 250 },
    );
    // first polls: random 0.5 × min(500, every) = 250 ms for both, a slot's end; then every 1000 and 1300 ms,
    // rounded up to the 250 ms slots: a at 1250, 2250; b at 1550 → 1750, 3050 → 3250
    await sleep(3300);
    expect(at).toEqual({ a: [250, 1250, 2250, 3250], b: [250, 1750, 3250] });
  });

  it("turns a throw into unknown plus the error, in one place", async () => {
    const def = source(async () => {
      throw new UpstreamError("token rejected: api.example/x answered HTTP 401", "auth", 401);
    });
    const { store } = start([plan(def)]);
    await sleep(150);
    expect(store.get("t1")).toMatchObject({
      status: "unknown",
      error: "token rejected: api.example/x answered HTTP 401",
    });
  });

  it("says 'unexpected answer' rather than a bare JS error when a source trips over garbage", async () => {
    const def = source(async () => (JSON.parse("{}") as { runs: { x: number }[] }).runs[0]!.x as never);
    const { store } = start([plan(def)]);
    await sleep(150);
    expect(store.get("t1")!.error).toMatch(/^unexpected answer from upstream \(/);
  });

  it("names the first field that is off when a source's zod check of the answer fails", async () => {
    const shape = z.object({ workflow_runs: z.array(z.object({ id: z.number() })) });
    const def = source(async () => (shape.parse({ workflow_runs: [{ id: "x" }] }), { status: "ok", summary: "x" }));
    const { store } = start([plan(def)]);
    await sleep(150);
    expect(store.get("t1")!.error).toBe(
      "unexpected answer from upstream: workflow_runs.0.id: Invalid input: expected number, received string",
    );
  });

  it("gives up on a poll that never answers after its timeout", async () => {
    const def = source(() => new Promise(() => undefined));
    const { store } = start([plan(def, { timeoutMs: 200 })]);
    // the poll's own timeout leaves the HTTP client a second to fail first, with its clearer message
    await sleep(1249);
    expect(store.get("t1")!.status).toBe("unknown");
    expect(store.get("t1")!.error).toBeUndefined();
    await sleep(2);
    expect(store.get("t1")).toMatchObject({ status: "unknown", error: "no answer within 0.2 s (poll timeout)" });
  });

  it("backs off exponentially after errors", async () => {
    let ok = 0,
      bad = 0;
    const good = source(async () => (ok++, { status: "ok", summary: "x" }));
    const failing = source(async () => {
      bad++;
      throw new Error("boom");
    });
    start([plan(good, { id: "g", pollKey: "g" }), plan(failing, { id: "f", pollKey: "f" })]);
    await sleep(1300);
    // both start at 50 ms; 100 ms apart when healthy (50…1250: 13 polls);
    // 100, 200, 400, 800 ms apart when failing (50, 150, 350, 750: 4 polls, the next at 1550)
    expect(ok).toBe(13);
    expect(bad).toBe(4);
  });

  it("keeps to one global limit on polls in flight", async () => {
    let inFlight = 0,
      peak = 0;
    const slow = source(async () => {
      peak = Math.max(peak, ++inFlight);
      await sleep(100);
      inFlight--;
      return { status: "ok", summary: "x" };
    });
    start(
      Array.from({ length: 6 }, (_, i) => plan(slow, { id: `t${i}`, pollKey: `k${i}`, everyMs: 50 })),
      { maxInFlight: 2 },
    );
    await sleep(400);
    expect(peak).toBe(2);
  });

  it("nudge() polls matching webhook tiles at once", async () => {
    let calls = 0;
    const def = source(async () => (calls++, { status: "ok", summary: "x" }), {
      name: "hook",
      matches: (p) => (p as { hit?: boolean }).hit === true,
    });
    const { scheduler } = start([plan(def, { everyMs: 60_000 })], { nudgeMinIntervalMs: 0 });
    await sleep(300);
    expect(calls).toBe(1);
    expect(scheduler.nudge("hook", { hit: false })).toBe(0);
    expect(scheduler.nudge("other", { hit: true })).toBe(0);
    expect(scheduler.nudge("hook", { hit: true })).toBe(1);
    await sleep(50);
    expect(calls).toBe(2);
  });

  it("nudge() polls a job at most once per nudgeMinIntervalMs, however many webhooks arrive", async () => {
    let calls = 0;
    const def = source(async () => (calls++, { status: "ok", summary: "x" }), { name: "hook" });
    const { scheduler } = start([plan(def, { everyMs: 60_000 })], { nudgeMinIntervalMs: 600 });
    await sleep(300);
    for (let i = 0; i < 20; i++) scheduler.nudge("hook", {});
    await sleep(200);
    expect(calls).toBe(1);
    // first poll at 250 ms (random 0.5 × 500), so the nudged one waits until 850 ms
    await sleep(500);
    expect(calls).toBe(2);
  });

  it("apply() leaves unchanged polls running and stops removed ones", async () => {
    let a = 0,
      b = 0;
    const da = source(async () => (a++, { status: "ok", summary: "a" }));
    const db = source(async () => (b++, { status: "ok", summary: "b" }));
    const pa = plan(da, { id: "a", pollKey: "a", everyMs: 60_000 });
    const { scheduler } = start([pa, plan(db, { id: "b", pollKey: "b", everyMs: 60_000 })]);
    await sleep(300);
    scheduler.apply([pa]);
    await sleep(300);
    expect([a, b]).toEqual([1, 1]);
    expect(scheduler.pollCount).toBe(1);
  });
});
