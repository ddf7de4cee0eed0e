// Defect 2 of issue 8: one hung upstream held every global slot and the wall went grey.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Scheduler } from "../../collector/scheduler.ts";
import { Store } from "../../collector/store.ts";
import { defineSource } from "../../collector/sources/define.ts";
import type { TilePlan } from "../../collector/plan.ts";
import type { ConnectionConfig } from "../../collector/connections/define.ts";

let scheduler: Scheduler | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-12-01T10:00:00Z") });
});
afterEach(() => {
  scheduler?.stop();
  vi.useRealTimers();
});

/** Polls on the hung origin never answer (until aborted); the others answer at once. */
const hangs = defineSource({
  kind: "fake",
  family: "check",
  description: "test",
  params: z.object({}),
  async load(ctx) {
    if (ctx.baseUrl?.startsWith("http://hung.test")) {
      await new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(new Error("aborted"))));
    }
  },
  normalise: () => ({ status: "ok", summary: "fine" }),
});

function tile(i: number, origin: "hung" | "control", overrides: Partial<TilePlan> = {}): TilePlan {
  const url = origin === "hung" ? "http://hung.test:9090" : "http://control.test:9090";
  const connection = { type: "prometheus", url } as ConnectionConfig;
  return {
    id: `${origin}-${i}`,
    board: "main",
    title: `${origin} ${i}`,
    kind: "fake",
    def: hangs,
    params: { i },
    connectionName: origin,
    connection,
    everyMs: origin === "hung" ? 5000 : 1000,
    staleAfterMs: 3000,
    timeoutMs: 10_000,
    pollKey: `${origin}-${i}`,
    ...overrides,
  };
}

describe("Scheduler with a hung upstream", () => {
  it("keeps tiles on other origins on time: 20 hung tiles (10 s timeout), 3 controls every 1 s", async () => {
    const now = () => Date.now();
    const plans = [
      ...Array.from({ length: 20 }, (_, i) => tile(i, "hung")),
      ...[0, 1, 2].map((i) => tile(i, "control")),
    ];
    const store = new Store(now, 0);
    store.setPlans(plans);
    scheduler = new Scheduler(store, { now, random: () => 0.5 });
    scheduler.apply(plans);
    const controls = plans.filter((p) => p.id.startsWith("control")).map((p) => p.id);

    // Let the first polls start, then watch 30 s of scheduler time in 100 ms steps.
    await vi.advanceTimersByTimeAsync(1500);
    let worstLagMs = 0;
    for (let step = 0; step < 300; step++) {
      await vi.advanceTimersByTimeAsync(100);
      for (const id of controls) {
        const t = store.get(id)!;
        expect(t.stale).toBe(false);
        expect(t.status).toBe("ok");
        worstLagMs = Math.max(worstLagMs, now() - Date.parse(t.checkedAt!));
      }
    }
    expect(worstLagMs).toBeLessThanOrEqual(2000);
    // The hung tiles do go grey: their own upstream is what is broken.
    expect(store.get("hung-0")!.status).toBe("unknown");
  });

  it("still limits polls in flight per origin, so a slow server is not hit by all its tiles at once", async () => {
    let inFlight = 0,
      most = 0;
    const slow = defineSource({
      kind: "fake",
      family: "check",
      description: "test",
      params: z.object({}),
      async load() {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 2000));
        inFlight--;
      },
      normalise: () => ({ status: "ok", summary: "fine" }),
    });
    const now = () => Date.now();
    const plans = Array.from({ length: 20 }, (_, i) => tile(i, "hung", { def: slow, staleAfterMs: 60_000 }));
    const store = new Store(now, 0);
    store.setPlans(plans);
    scheduler = new Scheduler(store, { now, random: () => 0.5, maxInFlightPerOrigin: 4 });
    scheduler.apply(plans);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(most).toBe(4);
    expect(plans.every((p) => store.get(p.id)!.status === "ok")).toBe(true);
  });
});
