import { describe, expect, it } from "vitest";
import source, { COLOR, RESULT, STAGE_STATUS, jobPath, params } from "../../../collector/sources/jenkins-job.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";
import { buildRuns } from "../../helpers/builders.ts";

const NOW = new Date("2026-11-29T10:30:00Z");
const p = params.parse({ job: "team/api" });
/** Builds from the nth on (#1434 building, #1433 FAILURE, …), the newest one's result replaced. */
function job(from = 0, result?: string | null, extra: Record<string, unknown> = {}) {
  const b = fixture("jenkins/job.json");
  b.builds = buildRuns(
    b.builds,
    from,
    result !== undefined ? { result, building: false, duration: 600_000, ...extra } : undefined,
  );
  if (result !== undefined) {
    b.color = "red"; // nothing building any more; the colour only decides when no build does
  }
  return b;
}

describe("jenkins-job normalise()", () => {
  // With no builds read, the colour alone decides; `_anime` means a build is running.
  const COLORS: [string, string][] = [
    ["blue", "ok"],
    ["yellow", "warn"],
    ["red", "fail"],
    ["grey", "unknown"],
    ["disabled", "unknown"],
    ["aborted", "unknown"],
    ["notbuilt", "unknown"],
  ];
  it.each(
    COLORS.flatMap(
      ([c, s]) =>
        [
          [c, s, false],
          [`${c}_anime`, s, true],
        ] as const,
    ),
  )("maps colour %s to %s (running %s)", (color, status, running) => {
    const f = normaliseWith(source, { body: { _class: "hudson.model.FreeStyleProject", color, builds: [] } }, p, {
      now: NOW,
    });
    expect(f.status).toBe(status);
    expect(f.running).toBe(running);
    expect(f.error).toBeUndefined();
  });

  it.each(["purple", "blue_anime_anime", "BLUE"])("maps an unknown colour %s to unknown, naming it", (color) => {
    const f = normaliseWith(source, { body: { color, builds: [] } }, p, { now: NOW });
    expect(f).toMatchObject({ status: "unknown", error: `unknown Jenkins color "${color}"` });
  });

  // The newest build's result replaced, over #1433 FAILURE.
  const RESULTS: [string, string, boolean][] = [
    ["SUCCESS", "ok", false],
    ["UNSTABLE", "warn", false],
    ["FAILURE", "fail", false],
    ["ABORTED", "fail", false],
    ["NOT_BUILT", "fail", false],
  ];
  it("lists every colour and result of the mapping tables", () => {
    expect(COLORS.map((c) => c[0]).sort()).toEqual(Object.keys(COLOR).sort());
    expect(RESULTS.map((c) => c[0]).sort()).toEqual(Object.keys(RESULT).sort());
  });
  it.each(RESULTS)("maps result %s over a failed build to %s (running %s)", (result, status, running) => {
    const f = normaliseWith(source, { body: job(0, result) }, p, { now: NOW });
    expect(f.status).toBe(status);
    expect(f.running).toBe(running);
  });

  it("maps a result Jenkins never documented to unknown, naming it", () => {
    expect(normaliseWith(source, { body: job(0, "EXPLODED") }, p, { now: NOW })).toMatchObject({
      status: "unknown",
      error: 'unknown Jenkins result "EXPLODED" on #1434',
    });
  });

  it("reports a build in progress over red, with stages failing first and the change authors", () => {
    const f = normaliseWith(source, { body: job(0), jobs: fixture("jenkins/describe.json") }, p, { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: true,
      progress: 0.5,
      since: "2026-11-29T09:52:00.000Z",
      people: ["Alice Liddell", "Bob Builder"],
      url: "https://ci.acme.example/job/team/job/api/1433/",
      summary: "#1433 failed in Test · Bob Builder · 18 min ago · #1434 running",
    });
    expect(f.items?.map((i) => [i.title, i.status, i.detail])).toEqual([
      ["Test", "fail", "failed"],
      ["Build", "ok", "success"],
      ["Deploy", undefined, "not executed"],
    ]);
    expect(f.items?.[0]?.url).toBe("https://ci.acme.example/job/team/job/api/1433/console");
  });

  it("keeps the previous failure when the newest build was aborted", () => {
    const f = normaliseWith(source, { body: job(1, "ABORTED") }, p, { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: false });
    expect(f.summary).toMatch(/^#1432 failed · Alice Liddell/);
  });

  it("warns on an unstable build (yellow)", () => {
    const f = normaliseWith(source, { body: { ...job(1, "UNSTABLE"), color: "yellow" } }, p, { now: NOW });
    expect(f).toMatchObject({ status: "warn", summary: "#1433 unstable · Bob Builder · 20 min ago" });
  });

  it("names the culprits when a build lists no changes, and the starter when it lists neither", () => {
    const withCulprits = job(1, "FAILURE", { changeSets: [], culprits: [{ fullName: "Zoe" }] });
    expect(normaliseWith(source, { body: withCulprits }, p, { now: NOW }).people).toContain("Zoe");
    const started = job(0);
    started.builds = [
      Object.assign(started.builds[0], { result: "FAILURE", building: false, changeSets: [], culprits: [] }),
    ];
    expect(normaliseWith(source, { body: started }, p, { now: NOW }).people).toEqual(["Dana Dev"]);
  });

  it("says so when the job is disabled", () => {
    expect(normaliseWith(source, { body: { ...job(1), color: "disabled" } }, p, { now: NOW }).summary).toMatch(
      /^disabled · #1433 failed/,
    );
  });

  const STAGES: [string, string | undefined][] = [
    ["SUCCESS", "ok"],
    ["UNSTABLE", "warn"],
    ["FAILED", "fail"],
    ["ABORTED", undefined],
    ["NOT_EXECUTED", undefined],
    ["IN_PROGRESS", undefined],
    ["PAUSED_PENDING_INPUT", undefined],
  ];
  it.each([...STAGES, ["EXPLODED", "unknown"]])("maps stage status %s to item status %s", (status, item) => {
    const describe = { stages: [{ id: "6", name: "Test", status, startTimeMillis: 1 }] };
    expect(normaliseWith(source, { body: job(1), jobs: describe }, p, { now: NOW }).items?.[0]?.status).toBe(item);
  });

  it("lists every stage status of the mapping table", () => {
    expect(STAGES.map((c) => c[0]).sort()).toEqual(Object.keys(STAGE_STATUS).sort());
  });

  it("builds the job's URL path from its folder path", () => {
    expect(jobPath("team/api")).toBe("/job/team/job/api");
    expect(jobPath("api/feature%2Flogin")).toBe("/job/api/job/feature%252Flogin");
  });
});
