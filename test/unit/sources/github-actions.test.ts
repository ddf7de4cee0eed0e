import { describe, expect, it } from "vitest";
import source, { CONCLUSION, STATUS, params, worstWorkflow } from "../../../collector/sources/github-actions.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";
import { buildRuns } from "../../helpers/builders.ts";

const NOW = new Date("2026-11-29T10:30:00Z");
const p = params.parse({ repo: "acme/api", branch: "main", workflow: "ci.yml" });
const body = () => fixture("github/runs.json");
const jobs = () => fixture("github/jobs.json");
/** The fixture's runs from #1434 down, with the newest one's status and conclusion replaced. */
function newest(status: unknown, conclusion: unknown, from = 0) {
  const b = body();
  b.workflow_runs = buildRuns(b.workflow_runs, from, { status, conclusion });
  return b;
}

describe("github-actions normalise()", () => {
  // Newest run replaced, followed by #1433 failure: what the tile says for each documented value.
  const CASES: [string, string | null, string, boolean][] = [
    ["queued", null, "fail", true],
    ["in_progress", null, "fail", true],
    ["waiting", null, "fail", true],
    ["requested", null, "fail", true],
    ["pending", null, "fail", true],
    ["completed", "success", "ok", false],
    ["completed", "failure", "fail", false],
    ["completed", "timed_out", "fail", false],
    ["completed", "startup_failure", "fail", false],
    ["completed", "cancelled", "fail", false],
    ["completed", "skipped", "fail", false],
    ["completed", "neutral", "fail", false],
    ["completed", "stale", "fail", false],
    ["completed", "action_required", "fail", false],
  ];
  it("lists every documented status and conclusion in the cases below", () => {
    expect([...new Set(CASES.map((c) => c[0]))].sort()).toEqual(Object.keys(STATUS).sort());
    expect(
      CASES.map((c) => c[1])
        .filter((c) => c !== null)
        .sort(),
    ).toEqual(Object.keys(CONCLUSION).sort());
  });
  it.each(CASES)(
    "maps status %s × conclusion %s over a red run to %s (running %s)",
    (status, conclusion, tile, running) => {
      const f = normaliseWith(source, { body: newest(status, conclusion) }, p, { now: NOW });
      expect(f.status).toBe(tile);
      expect(f.running).toBe(running);
      expect(f.error).toBeUndefined();
    },
  );

  it.each([
    ["completed", "exploded", 'unknown GitHub conclusion "exploded" on #1434'],
    ["completed", null, 'unknown GitHub conclusion "null" on #1434'],
    ["teleporting", null, 'unknown GitHub status "teleporting" on #1434'],
  ])("maps an unknown status %s / conclusion %s to unknown, naming the value", (status, conclusion, error) => {
    const f = normaliseWith(source, { body: newest(status, conclusion) }, p, { now: NOW });
    expect(f.status).toBe("unknown");
    expect(f.error).toBe(error);
  });

  it("reports a run in progress over a red streak: fail, running, progress from the median success", () => {
    const f = normaliseWith(source, { body: body(), jobs: jobs() }, p, { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: true,
      // #1434 started 5 min ago; successful runs took 10, 10 and 12 min → median 10 min.
      progress: 0.5,
      since: "2026-11-29T09:52:00Z",
      people: ["Alice Liddell", "Bob Builder"],
      url: "https://github.com/acme/api/actions/runs/30435075",
      summary: "#1433 failed in test · Bob Builder · 18 min ago · #1434 running",
    });
  });

  it("lists the shown run's jobs failing first, with the failed step and links", () => {
    const f = normaliseWith(source, { body: body(), jobs: jobs() }, p, { now: NOW });
    expect(f.items?.map((i) => [i.title, i.status])).toEqual([
      ["test", "fail"],
      ["build", "ok"],
      ["lint", "ok"],
    ]);
    expect(f.items?.[0]).toMatchObject({
      detail: "failed at Run npm test",
      url: "https://github.com/acme/api/actions/runs/30435075/job/399444497",
    });
  });

  it("keeps the previous failure when the newest run was cancelled", () => {
    const f = normaliseWith(source, { body: newest("completed", "cancelled", 1) }, p, { now: NOW });
    expect(f.status).toBe("fail");
    expect(f.summary).toMatch(/^#1432 failed · Alice Liddell/);
    expect(f.running).toBe(false);
  });

  it("starts a green streak at the first success after red, with no culprits", () => {
    const f = normaliseWith(source, { body: newest("completed", "success") }, p, { now: NOW });
    expect(f).toMatchObject({
      status: "ok",
      since: "2026-11-29T10:29:00Z",
      summary: "#1434 passed · Dana Dev · 1 min ago",
    });
    expect(f.people).toBeUndefined();
  });

  it("caps progress below 1 when the running run overstays the usual duration", () => {
    const f = normaliseWith(source, { body: body() }, p, { now: new Date("2026-11-29T11:30:00Z") });
    expect(f.progress).toBe(0.99);
  });

  it("plots the durations of completed runs in seconds, oldest first, leaving out cancelled ones", () => {
    const f = normaliseWith(source, { body: body() }, p, { now: NOW });
    expect(f.series?.map((s) => s.v)).toEqual([720, 600, 600, 720, 720]);
    expect(f.series?.[0]?.t).toBe(Date.parse("2026-11-29T08:00:00Z"));
  });

  it("names the workflow in the label when runs of every workflow count", () => {
    const f = normaliseWith(source, { body: body() }, params.parse({ repo: "acme/api" }), { now: NOW });
    expect(f.summary).toMatch(/^CI #1433 failed/);
  });

  it("is unknown, not green, when the branch has no runs", () => {
    expect(normaliseWith(source, { body: { total_count: 0, workflow_runs: [] } }, p, { now: NOW })).toMatchObject({
      status: "unknown",
      summary: "no runs on main",
    });
  });

  it("throws on a body that is not a runs list", () => {
    expect(() => normaliseWith(source, { body: { message: "Not Found" } }, p, { now: NOW })).toThrow();
  });
});

describe("github-actions without a workflow", () => {
  const all = params.parse({ repo: "acme/api", branch: "main" });
  /** A red CI run, then a newer green run of another workflow (a labeler). */
  function twoWorkflows(): { workflow_runs: Record<string, unknown>[] } {
    const runs = (body() as { workflow_runs: Record<string, unknown>[] }).workflow_runs;
    const red = runs.find((r) => r.conclusion === "failure")!;
    const green = {
      ...runs.find((r) => r.conclusion === "success")!,
      id: 99,
      workflow_id: 777,
      name: "Labeler",
      run_number: 5,
      created_at: "2026-11-29T10:25:00Z",
      updated_at: "2026-11-29T10:26:00Z",
      run_started_at: "2026-11-29T10:25:00Z",
    };
    return { workflow_runs: [green, { ...red, status: "completed" }] };
  }

  it("normalise() keeps the tile red when a newer run of another workflow passed", () => {
    const fields = normaliseWith(source, { body: worstWorkflow(twoWorkflows(), all) }, all, { now: NOW });
    expect(fields.status).toBe("fail");
  });

  it("judges the single workflow as before when all runs belong to one", () => {
    expect(worstWorkflow(body(), all)).toEqual(body());
  });
});
