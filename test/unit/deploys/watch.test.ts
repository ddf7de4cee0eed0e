import { describe, expect, it } from "vitest";
import { watchDeploys } from "../../../collector/deploys/watch.ts";
import type { PollContext, SourceDefinition } from "../../../collector/sources/define.ts";
import type { SeriesPoint, TileEvent } from "../../../collector/contract.ts";
import type { DeployWatch } from "../../../collector/plan.ts";

const MIN = 60_000;
const T = Date.parse("2026-11-30T12:00:00Z");
const deploys: DeployWatch = {
  sources: ["api-prod"],
  threshold: 0.2,
  direction: "up",
  status: "warn",
  beforeMs: 10 * MIN,
  afterMs: 5 * MIN,
};
const events: TileEvent[] = [
  { tile: "api-prod", t: T, type: "deploy", note: "ok", status: "succeeded", version: "1.4.3" },
];
const level = (from: number, to: number): SeriesPoint[] => {
  const out: SeriesPoint[] = [];
  for (let t = from - (from % MIN); t <= to; t += MIN) if (t >= from) out.push({ t, v: t < T + MIN ? 100 : 150 });
  return out;
};

function setup(range?: SourceDefinition["range"]) {
  const calls: [number, number][] = [];
  const def = {
    range: range
      ? (ctx: PollContext, p: never, from: number, to: number) => (calls.push([from, to]), range(ctx, p, from, to))
      : undefined,
  } as unknown as SourceDefinition;
  const memo = new Map<string, unknown>();
  const ctx = (now: number, history: PollContext["history"] = []) =>
    ({ now: new Date(now), memo, history }) as unknown as PollContext;
  const plan = { def, params: {}, title: "p95", deploys };
  return { calls, ctx, plan };
}

describe("watchDeploys", () => {
  it("marks the deploy in the sparkline, reads both sides from the range, keeps the settled before side", async () => {
    const { calls, ctx, plan } = setup(async (_c, _p, from, to) => level(from, to));
    const fields = { status: "ok" as const, summary: "150 ms", value: 150, series: [{ t: T - 30 * MIN, v: 1 }] };
    const now = T + 20 * MIN;
    const out = await watchDeploys(fields, { plan, ctx: ctx(now), events: () => events });
    expect(out.marks).toEqual([T]);
    expect(out.status).toBe("warn");
    expect(out.summary).toBe("p95 +50 % since deploy 1.4.3 (20 min ago) · 150 ms");
    expect(calls).toEqual([
      [T - 10 * MIN, T],
      [T + 15 * MIN, now],
    ]);
    await watchDeploys(fields, { plan, ctx: ctx(now + MIN), events: () => events });
    expect(calls.length).toBe(3);
  });

  it("uses the collector's own history without a range, and notes a failed range without losing the value", async () => {
    const history = [
      { t: T - 20 * MIN, status: "ok" as const, value: 100 },
      { t: T + 2 * MIN, status: "ok" as const, value: 300 },
    ];
    const own = setup();
    const out = await watchDeploys(
      { status: "ok", summary: "300", value: 300 },
      { plan: own.plan, ctx: own.ctx(T + 20 * MIN, history), events: () => events },
    );
    expect(out.impact).toMatchObject({ before: 100, after: 300, change: 2, regressed: true });
    const broken = setup(async () => {
      throw new Error("Prometheus: timeout");
    });
    const f = await watchDeploys(
      { status: "ok", summary: "300", value: 300 },
      { plan: broken.plan, ctx: broken.ctx(T + 20 * MIN), events: () => events },
    );
    expect(f).toEqual({ status: "ok", summary: "300", value: 300, error: "deploy comparison: Prometheus: timeout" });
  });

  it("leaves an unknown tile and a tile without deploys as they are", async () => {
    const { ctx, plan } = setup(async () => []);
    const grey = { status: "unknown" as const, summary: "query returned no data" };
    expect(await watchDeploys(grey, { plan, ctx: ctx(T + MIN), events: () => events })).toEqual(grey);
    const ok = { status: "ok" as const, summary: "1", value: 1 };
    expect(await watchDeploys(ok, { plan, ctx: ctx(T + MIN), events: () => [] })).toEqual(ok);
  });
});
