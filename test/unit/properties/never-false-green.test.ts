/**
 * Property: through the real scheduler and store, on fake timers, a tile is
 * never `ok` unless the latest answer said ok and came within `staleAfter`
 * (plus the store's one-second sweep), whatever the upstream answers and
 * however time moves.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { Scheduler } from "../../../collector/scheduler.ts";
import { Store } from "../../../collector/store.ts";
import { defineSource } from "../../../collector/sources/define.ts";
import { UpstreamError } from "../../../collector/http-client.ts";
import type { TilePlan } from "../../../collector/plan.ts";
import type { TileFields } from "../../../collector/contract.ts";

const EVERY = 1000,
  STALE = 3000,
  TIMEOUT = 500;
/** Store.sweep runs once a second: staleness is seen up to this much late. */
const SWEEP_MS = 1000;
const TICK = 250;

type Answer = "ok" | "fail" | "warn" | "error" | "garbage" | "hang";
const answer = fc.constantFrom<Answer>("ok", "fail", "warn", "error", "garbage", "hang");
/** Upstream answers, and how far the clock moves after each poll is asked for. */
const story = fc.array(fc.record({ answer, stepMs: fc.integer({ min: 0, max: 6000 }) }), {
  minLength: 1,
  maxLength: 15,
});

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-11-29T10:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

async function check(steps: { answer: Answer; stepMs: number }[]): Promise<void> {
  let i = 0;
  let latest: { ok: boolean; at: number } | undefined;
  const garbage: unknown[] = [null, { status: "ok" }, { status: 42, summary: "x" }, "ok"];
  const def = defineSource({
    kind: "fake",
    family: "check",
    description: "property",
    params: z.object({}),
    normalise: (fields: TileFields) => fields,
    async load(): Promise<TileFields> {
      const a = steps[i++ % steps.length]!.answer;
      if (a === "hang") return new Promise(() => undefined);
      latest = { ok: a === "ok", at: Date.now() };
      if (a === "error") throw new UpstreamError("upstream answered HTTP 503", "http", 503);
      if (a === "garbage") {
        const g = garbage[i % garbage.length];
        if (g === "ok") throw new SyntaxError("Unexpected token < in JSON");
        return g as TileFields;
      }
      return { status: a, summary: a };
    },
  });
  const plan: TilePlan = {
    id: "t",
    board: "b",
    title: "T",
    kind: "fake",
    def,
    params: {},
    everyMs: EVERY,
    staleAfterMs: STALE,
    timeoutMs: TIMEOUT,
    pollKey: "k",
  };
  const store = new Store(Date.now, 0);
  store.setPlans([plan]);
  const scheduler = new Scheduler(store, { random: () => 0.5 });
  scheduler.apply([plan]);
  try {
    for (const step of steps) {
      for (let t = 0; t <= step.stepMs; t += TICK) {
        await vi.advanceTimersByTimeAsync(TICK);
        const tile = store.get("t")!;
        if (tile.status !== "ok") continue;
        expect(tile.stale).toBe(false);
        expect(latest?.ok, "the latest answer said ok").toBe(true);
        expect(Date.now() - latest!.at, "the ok answer is fresh").toBeLessThanOrEqual(STALE + SWEEP_MS);
      }
    }
  } finally {
    scheduler.stop();
    store.dispose();
  }
}

describe("never a false green (property)", () => {
  it("a tile is ok only while the latest answer said ok within staleAfter", async () => {
    await fc.assert(fc.asyncProperty(story, check), { numRuns: 120, seed: 20261201 });
  });

  it("checks the obvious story too: ok, then silence, goes grey", async () => {
    await check([
      { answer: "ok", stepMs: 1000 },
      { answer: "hang", stepMs: 8000 },
    ]);
  });
});
