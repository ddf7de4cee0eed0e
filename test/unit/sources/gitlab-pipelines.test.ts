import { describe, expect, it } from "vitest";
import source, { PIPELINE_STATUS, jobStatus, params } from "../../../collector/sources/gitlab-pipelines.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";
import { buildRuns } from "../../helpers/builders.ts";

const NOW = new Date("2026-11-29T10:30:00Z");
const p = params.parse({ project: "acme/api" });
/** Pipelines from the nth on (3434 running, 3433 failed, …), the newest one's status replaced. */
function pipelines(from = 0, status?: string) {
  return buildRuns(fixture("gitlab/pipelines.json"), from, status ? { status } : undefined);
}

describe("gitlab-pipelines normalise()", () => {
  // The newest pipeline replaced, over 3433 failed: what the tile says for each documented status.
  const CASES: [string, string, boolean][] = [
    ["created", "fail", true],
    ["waiting_for_resource", "fail", true],
    ["preparing", "fail", true],
    ["pending", "fail", true],
    ["running", "fail", true],
    ["success", "ok", false],
    ["failed", "fail", false],
    ["canceled", "fail", false],
    ["canceling", "fail", false],
    ["skipped", "fail", false],
    ["manual", "fail", false],
    ["scheduled", "fail", false],
  ];
  it("lists every status of the mapping table in the cases below", () => {
    expect(CASES.map((c) => c[0]).sort()).toEqual(Object.keys(PIPELINE_STATUS).sort());
  });
  it.each(CASES)("maps pipeline status %s over a failed pipeline to %s (running %s)", (status, tile, running) => {
    const f = normaliseWith(source, { body: pipelines(0, status) }, p, { now: NOW });
    expect(f.status).toBe(tile);
    expect(f.running).toBe(running);
    expect(f.error).toBeUndefined();
  });

  it("maps an unknown pipeline status to unknown, naming it", () => {
    const f = normaliseWith(source, { body: pipelines(0, "levitating") }, p, { now: NOW });
    expect(f).toMatchObject({ status: "unknown", error: 'unknown GitLab pipeline status "levitating" on #3434' });
  });

  it.each([
    ["success", false, "ok"],
    ["failed", false, "fail"],
    ["failed", true, "warn"],
    ["running", false, undefined],
    ["canceled", false, undefined],
    ["manual", false, undefined],
    ["skipped", false, undefined],
    ["exploded", false, "unknown"],
  ] as const)("maps job status %s (allow_failure %s) to item status %s", (status, allow, item) => {
    expect(jobStatus(status, allow)).toBe(item);
  });

  it("reports a pipeline in progress over red, with the failed jobs and who pushed", () => {
    const f = normaliseWith(source, { body: pipelines(0), jobs: fixture("gitlab/jobs.json") }, p, { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: true,
      progress: 0.5,
      since: "2026-11-29T09:52:00.000Z",
      people: ["Bob Builder", "bob"],
      url: "https://gitlab.com/acme/api/-/pipelines/3433",
      summary: "#3433 failed in rspec · Bob Builder · 18 min ago · #3434 running",
    });
    expect(f.items?.map((i) => [i.title, i.status])).toEqual([
      ["rspec", "fail"],
      ["audit", "warn"],
      ["compile", "ok"],
      ["deploy", undefined],
    ]);
    expect(f.items?.[0]).toMatchObject({
      detail: "stage test · script_failure",
      url: "https://gitlab.com/acme/api/-/jobs/7001",
    });
  });

  it("keeps the previous failure when the newest pipeline was canceled", () => {
    const f = normaliseWith(source, { body: pipelines(1, "canceled") }, p, { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: false });
    expect(f.summary).toMatch(/^#3432 failed/);
  });

  it("reuses the people an earlier poll learnt when the jobs are not fetched again", () => {
    const f = normaliseWith(
      source,
      { body: pipelines(1), reused: { items: [{ title: "rspec", status: "fail" }], people: ["bob"] } },
      p,
      { now: NOW },
    );
    expect(f).toMatchObject({ people: ["bob"], items: [{ title: "rspec", status: "fail" }] });
  });

  it("tells the same green summary whether the jobs were read or reused", () => {
    const read = normaliseWith(source, { body: pipelines(1, "success"), jobs: fixture("gitlab/jobs.json") }, p, {
      now: NOW,
    });
    const reused = normaliseWith(
      source,
      { body: pipelines(1, "success"), reused: { items: read.items, people: read.people } },
      p,
      { now: NOW },
    );
    expect(reused.summary).toBe(read.summary);
    expect(read.people).toBeUndefined();
  });

  it("plots created → updated spans of completed pipelines", () => {
    expect(normaliseWith(source, { body: pipelines(0) }, p, { now: NOW }).series?.map((s) => s.v)).toEqual([
      720, 600, 600, 720, 720,
    ]);
  });

  it("throws on a body that is not a pipeline list", () => {
    expect(() => normaliseWith(source, { body: { message: "404 Project Not Found" } }, p, { now: NOW })).toThrow();
  });
});
