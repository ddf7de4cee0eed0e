import { describe, expect, it } from "vitest";
import source, { BUILD_STATE, JOB_STATE, jobStatus, params } from "../../../collector/sources/buildkite-pipeline.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";
import { buildRuns } from "../../helpers/builders.ts";

const NOW = new Date("2026-11-29T10:30:00Z");
const p = params.parse({ org: "acme", pipeline: "api" });
/** Builds from the nth on (1434 running, 1433 failed, …), the newest one's state replaced. */
function builds(from = 0, state?: string) {
  return buildRuns(fixture("buildkite/builds.json"), from, state ? { state } : undefined);
}

describe("buildkite-pipeline normalise()", () => {
  // The newest build replaced, over 1433 failed: what the tile says for each documented state.
  const CASES: [string, string, boolean][] = [
    ["creating", "fail", true],
    ["scheduled", "fail", true],
    ["running", "fail", true],
    ["failing", "fail", true],
    ["waiting", "fail", true],
    ["waiting_failed", "fail", true],
    ["passed", "ok", false],
    ["blocked", "ok", false],
    ["failed", "fail", false],
    ["canceled", "fail", false],
    ["canceling", "fail", false],
    ["skipped", "fail", false],
    ["not_run", "fail", false],
  ];
  it.each(CASES)("maps build state %s over a failed build to %s (running %s)", (state, status, running) => {
    const f = normaliseWith(source, { body: builds(0, state) }, p, { now: NOW });
    expect(f.status).toBe(status);
    expect(f.running).toBe(running);
    expect(f.error).toBeUndefined();
  });

  it("lists every state of the mapping table in the cases above", () => {
    expect(CASES.map(([s]) => s).sort()).toEqual(Object.keys(BUILD_STATE).sort());
  });

  it.each(["finished", "exploded"])("maps a state that is not a build's (%s) to unknown, naming it", (state) => {
    expect(normaliseWith(source, { body: builds(0, state) }, p, { now: NOW })).toMatchObject({
      status: "unknown",
      error: `unknown Buildkite build state "${state}" on #1434`,
    });
  });

  // Jobs still on their way or never run carry no item status.
  const QUIET = [
    "pending",
    "waiting",
    "waiting_failed",
    "blocked",
    "blocked_failed",
    "unblocked",
    "unblocked_failed",
    "limiting",
    "limited",
    "platform_limiting",
    "platform_limited",
    "scheduled",
    "assigned",
    "accepted",
    "running",
    "timing_out",
    "canceling",
    "canceled",
    "skipped",
    "broken",
    "expired",
    "finished",
  ];
  const JOBS: [string, boolean, string | undefined][] = [
    ["passed", false, "ok"],
    ["failed", false, "fail"],
    ["timed_out", false, "fail"],
    ...QUIET.map((s): [string, boolean, undefined] => [s, false, undefined]),
  ];
  it("lists every job state of the mapping table", () => {
    expect(JOBS.map((c) => c[0]).sort()).toEqual(Object.keys(JOB_STATE).sort());
  });
  it.each([...JOBS, ["failed", true, "warn"], ["exploded", false, "unknown"]] as [
    string,
    boolean,
    string | undefined,
  ][])("maps job state %s (soft_failed %s) to item status %s", (state, soft, item) => {
    expect(jobStatus(state, soft)).toBe(item);
  });

  it("reports a build in progress over red, with jobs failing first, soft failures as warnings, no waiters", () => {
    const f = normaliseWith(source, { body: builds(0), jobs: fixture("buildkite/build.json") }, p, { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: true,
      progress: 0.5,
      since: "2026-11-29T09:52:00.000Z",
      people: ["Alice Liddell", "Bob Builder"],
      url: "https://buildkite.com/acme/api/builds/1433",
      summary: "#1433 failed in :rspec: Test · Bob Builder · 18 min ago · #1434 running",
    });
    expect(f.items?.map((i) => [i.title, i.status, i.detail])).toEqual([
      [":rspec: Test", "fail", "failed (exit 1)"],
      [":lint-roller: Lint", "warn", "failed (exit 2)"],
      [":hammer: Build", "ok", "passed"],
    ]);
  });

  it("keeps the previous failure when the newest build was canceled", () => {
    const f = normaliseWith(source, { body: builds(1, "canceled") }, p, { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: false });
    expect(f.summary).toMatch(/^#1432 failed · Alice Liddell/);
  });

  it("counts a build stopped at a block step as passed", () => {
    expect(normaliseWith(source, { body: builds(1, "blocked") }, p, { now: NOW })).toMatchObject({
      status: "ok",
      summary: "#1433 passed, blocked · Bob Builder · 18 min ago",
    });
  });

  it("throws on a body that is not a build list", () => {
    expect(() => normaliseWith(source, { body: { message: "Not Found" } }, p, { now: NOW })).toThrow();
  });
});
