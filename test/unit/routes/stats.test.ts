import { afterEach, describe, expect, it } from "vitest";
import { Registry } from "prom-client";
import { createApp } from "../../../collector/app.ts";
import { planFrom } from "../../../collector/plan.ts";
import { parseConfig } from "../../../collector/config/load.ts";
import { MemoryHistory } from "../../../collector/history/memory.ts";
import { WriteGuard } from "../../../collector/routes/write-guard.ts";
import { registerStatsMetrics } from "../../../collector/stats/metrics.ts";
import type { StatsReport } from "../../../collector/stats/report.ts";
import { buildConfig } from "../../helpers/builders.ts";
import { testRuntime } from "../../helpers/runtime.ts";

const MIN = 60_000,
  H = 3_600_000,
  D = 86_400_000;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function setup() {
  const now = Date.now();
  const history = new MemoryHistory();
  // api: red 2 days ago for 30 min, red 10 days ago for 2 h; web: always green
  history.addEntry("api", { t: now - 20 * D, status: "ok" }, true);
  history.addEntry("api", { t: now - 10 * D, status: "fail" }, true);
  history.addEntry("api", { t: now - 10 * D + 2 * H, status: "ok" }, true);
  history.addEntry("api", { t: now - 2 * D, status: "fail" }, true);
  history.addEntry("api", { t: now - 2 * D + 30 * MIN, status: "ok" }, true);
  history.addEntry("web", { t: now - 20 * D, status: "ok" }, true);
  history.addEvent({ tile: "api", t: now - 2 * D + 5 * MIN, type: "claim", by: "Alice", ms: 5 * MIN });
  const plan = planFrom(
    parseConfig(
      JSON.stringify(
        buildConfig([
          { id: "api", every: "1h", deploy: true },
          { id: "web", every: "1h" },
        ]),
      ),
      "t.json",
      {},
    ).config,
  );
  const rt = testRuntime(plan, cleanups, { history, guard: () => new WriteGuard({ token: () => undefined }) });
  return { app: createApp(() => rt), rt };
}

describe("GET /api/stats", () => {
  it("gives the board's and each tile's figures over the days asked for, with the previous window", async () => {
    const { app } = setup();
    const week = (await (await app.request("/api/stats?board=main&days=7")).json()) as StatsReport;
    expect([
      week.days,
      week.summary.redSpells,
      week.summary.mttrMs,
      week.summary.timeToClaimMs,
      week.summary.daysSinceRed,
    ]).toEqual([7, 1, 30 * MIN, 5 * MIN, 1]);
    expect(week.summary.greenShare).toBeCloseTo(1 - (30 * MIN) / (14 * D), 6);
    expect([week.previous.redSpells, week.previous.mttrMs]).toEqual([1, 2 * H]);
    expect(week.tiles.map((t) => [t.id, t.redSpells, t.mttrMs])).toEqual([
      ["api", 1, 30 * MIN],
      ["web", 0, null],
    ]);
    expect(week.tiles[0]!.dora).toEqual({
      deploys: 0,
      perDay: 0,
      changeFailureRate: null,
      leadTimeMs: null,
      timeToRestoreMs: 30 * MIN,
    });
    expect(week.tiles[1]!.dora).toBe(undefined);
    expect(week.weeks).toHaveLength(1);
    const month = (await (await app.request("/api/stats?board=main&days=30")).json()) as StatsReport;
    expect([month.summary.redSpells, month.summary.mttrMs, month.summary.longestRedMs]).toEqual([
      2,
      (2 * H + 30 * MIN) / 2,
      2 * H,
    ]);
    // weeks end now and go back 7 days at a time; the oldest is the 2 days left over
    expect(month.weeks.map((w) => w.redSpells)).toEqual([0, 0, 0, 1, 1]);
  });

  it("one tile with &tile=", async () => {
    const { app } = setup();
    const r = (await (await app.request("/api/stats?tile=web&days=7")).json()) as StatsReport;
    expect(r.tiles.map((t) => t.id)).toEqual(["web"]);
    expect(r.summary.greenShare).toBe(1);
  });

  it.each([["days=0"], ["days=91"], ["days=abc"], ["days=1.5"]])("refuses %s with 400", async (q) => {
    const { app } = setup();
    const res = await app.request(`/api/stats?${q}`);
    expect(res.status).toBe(400);
  });

  it("an unknown board or tile is a 404", async () => {
    const { app } = setup();
    expect((await app.request("/api/stats?board=nope")).status).toBe(404);
    expect((await app.request("/api/stats?tile=nope")).status).toBe(404);
  });

  it("/metrics gauges carry the same figures", async () => {
    const { rt } = setup();
    const registry = new Registry();
    registerStatsMetrics(registry, () => rt, Date.now);
    const text = await registry.metrics();
    expect(text).toMatch(/^radiator_stats_mttr_seconds\{board="main",tile="",days="7"\} 1800$/m);
    expect(text).toMatch(/^radiator_stats_red_spells\{board="main",tile="api",days="30"\} 2$/m);
    expect(text).toMatch(/^radiator_stats_since_red_seconds\{board="main",tile="api",days="7"\} 86400$/m);
    // never red: no figure rather than a made-up one
    expect(text).not.toMatch(/^radiator_stats_since_red_seconds\{board="main",tile="web"/m);
  });
});
