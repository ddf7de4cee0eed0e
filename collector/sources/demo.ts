/**
 * `demo`: simulated builds and service metrics for the embedded demo board,
 * so `npm start` shows a living board with no account, token or network.
 * Everything is a pure function of the clock, so every screen and every
 * restart tells the same story, and tests can pick the moment.
 */
import { z } from "zod";
import type { Status, TileFields, TileItem } from "../contract.ts";
import { ago, formatAge, parseDuration, DURATION_PATTERN } from "../durations.ts";
import { thresholdStatus } from "../thresholds.ts";
import { roundValue } from "../series.ts";
import { defineSource } from "./define.ts";

const SCENARIOS = ["build", "flaky", "broken", "metric"] as const;

export const params = z.object({
  scenario: z
    .enum(SCENARIOS)
    .default("build")
    .describe(
      "build: mostly green; flaky: fails at random; broken: stays red for a long while; metric: a service metric.",
    ),
  period: z
    .string()
    .regex(new RegExp(DURATION_PATTERN))
    .default("90s")
    .describe("A new simulated build starts this often."),
  seed: z.number().int().default(1).describe("Varies the story between demo tiles."),
  unit: z.string().default("ms").describe("metric: the unit shown."),
  base: z.number().default(120).describe("metric: the typical value."),
  warn: z.number().default(250).describe("metric: warn at or above."),
  fail: z.number().default(400).describe("metric: fail at or above."),
});
type Params = z.infer<typeof params>;

const PEOPLE = ["alice", "bob", "chandra", "dmitri", "eun-ji", "farah"];
const JOBS = ["build", "unit tests", "integration", "lint", "package"];

/** A small deterministic hash → [0, 1). */
function rand(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) {
    h ^= x | 0;
    h = Math.imul(h, 16777619);
    h ^= h >>> 13;
  }
  return ((h >>> 0) % 100000) / 100000;
}

function runPassed(n: number, p: Params): boolean {
  switch (p.scenario) {
    case "flaky":
      return rand(n, p.seed) > 0.45;
    // red for 16 of every 20 runs: "one stays red for a while"
    case "broken":
      return n % 20 >= 16;
    default:
      return rand(n, p.seed, 7) > 0.15;
  }
}

function runDurationMs(n: number, periodMs: number, p: Params): number {
  return Math.round(periodMs * (0.45 + 0.25 * rand(n, p.seed, 3)));
}

function buildFields(p: Params, now: Date): TileFields {
  const periodMs = parseDuration(p.period)!;
  const t = now.getTime();
  const current = Math.floor(t / periodMs);
  const startedCurrent = current * periodMs;
  const currentDuration = runDurationMs(current, periodMs, p);
  const running = t < startedCurrent + currentDuration;
  const last = running ? current - 1 : current;
  const passed = runPassed(last, p);
  let streak = last;
  while (streak > last - 500 && runPassed(streak - 1, p) === passed) streak--;
  const since = new Date(streak * periodMs + runDurationMs(streak, periodMs, p)).toISOString();
  const finishedAt = last * periodMs + runDurationMs(last, periodMs, p);
  const label = last % 10000;
  const author = PEOPLE[Math.floor(rand(last, p.seed, 5) * PEOPLE.length)]!;
  const failingJob = JOBS[1 + Math.floor(rand(last, p.seed, 9) * (JOBS.length - 1))]!;
  const people = passed
    ? []
    : [
        ...new Set(
          Array.from(
            { length: last - streak + 1 },
            (_, i) => PEOPLE[Math.floor(rand(streak + i, p.seed, 5) * PEOPLE.length)]!,
          ),
        ),
      ];
  const items: TileItem[] = JOBS.map((job) => ({
    title: job,
    status: (passed || job !== failingJob ? "ok" : "fail") as Status,
    detail: passed || job !== failingJob ? "passed" : "simulated failure",
  })).sort((a, b) => (a.status === "fail" ? -1 : b.status === "fail" ? 1 : 0));
  const series = Array.from({ length: 12 }, (_, i) => {
    const n = last - 11 + i;
    return { t: n * periodMs, v: Math.round(runDurationMs(n, periodMs, p) / 1000) };
  });
  const elapsed = t - startedCurrent;
  return {
    status: passed ? "ok" : "fail",
    running,
    progress: running ? Math.min(0.99, elapsed / currentDuration) : undefined,
    since,
    summary:
      `Demo · #${label} ${passed ? "passed" : `failed in ${failingJob}`} · ${author} · ${ago(finishedAt, now)}` +
      (running ? ` · #${label + 1} running ${formatAge(elapsed)}` : ""),
    people,
    items,
    series,
    unit: "s",
  };
}

function metricFields(p: Params, now: Date): TileFields {
  const t = now.getTime();
  const at = (ms: number) => {
    const minute = ms / 60_000;
    // a daily-looking wave, a slower swell and a spike now and then
    const wave = Math.sin(minute / 3 + p.seed) * 0.25 + Math.sin(minute / 17) * 0.35;
    const spike = rand(Math.floor(minute / 2), p.seed, 11) > 0.9 ? 1.6 : 0;
    return roundValue(p.base * (1 + wave + spike + 0.1 * rand(Math.floor(ms / 10_000), p.seed)));
  };
  const value = at(t);
  const series = Array.from({ length: 30 }, (_, i) => {
    const pt = Math.floor(t / 10_000) * 10_000 - (29 - i) * 10_000;
    return { t: pt, v: at(pt) };
  });
  return {
    status: thresholdStatus(value, { warn: p.warn, fail: p.fail }),
    summary: `Demo · ${value} ${p.unit} (simulated; warn ${p.warn}, fail ${p.fail})`,
    value,
    unit: p.unit,
    series,
  };
}

export default defineSource({
  kind: "demo",
  family: "build",
  description: "Simulated CI builds and service metrics for trying Radiator out; clearly marked as demo.",
  notes: `Simulated builds and metrics, for trying Radiator without any account. Every
summary starts with "Demo ·", so nobody mistakes it for real data. The story is a
pure function of the clock: every screen and every restart shows the same.

\`\`\`json
{ "id": "api-ci", "title": "API main (demo)", "kind": "demo", "scenario": "flaky", "every": "2s" }
\`\`\``,
  params,
  every: "2s",
  // Nothing to ask: the simulation is a function of the clock alone.
  async load() {
    return undefined;
  },
  normalise(_answer: undefined, p, { now }) {
    return p.scenario === "metric" ? metricFields(p, now) : buildFields(p, now);
  },
});
