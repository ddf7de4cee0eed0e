// A tile of each CI kind, in the collector run as a real process, against fake
// upstreams replaying the documented fixtures moved to "now": colour, timer,
// progress, people and drill-down items arrive in the state the page reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { startCollector, type CollectorProcess } from "../helpers/collector-process.ts";

/** The fixtures' story is told at 10:30 UTC; move every time in them to the present. */
const SHIFT = Date.now() - Date.parse("2026-11-29T10:30:00Z");
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g;
const shiftIso = (s: string) => s.replace(ISO, (m) => new Date(Date.parse(m) + SHIFT).toISOString());
function shifted(value: unknown, key = ""): unknown {
  if (typeof value === "string") return shiftIso(value);
  if (typeof value === "number" && /^(timestamp|startTimeMillis|endTimeMillis)$/.test(key)) return value + SHIFT;
  if (Array.isArray(value)) return value.map((v) => shifted(v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, k)]));
  return value;
}
const json = (name: string) => ({ json: shifted(fixture(name)) });

let fake: FakeUpstream;
let collector: CollectorProcess;

beforeAll(async () => {
  fake = await fakeUpstream({
    "GET /gh/repos/acme/api/actions/workflows/ci.yml/runs": json("github/runs.json"),
    "GET /gh/repos/acme/api/actions/runs/30435075/jobs": json("github/jobs.json"),
    "GET /gl/api/v4/projects/acme%2Fapi/pipelines": json("gitlab/pipelines.json"),
    "GET /gl/api/v4/projects/acme%2Fapi/pipelines/3433/jobs": json("gitlab/jobs.json"),
    "GET /jenkins/job/team/job/api/api/json": json("jenkins/job.json"),
    "GET /jenkins/job/team/job/api/1433/wfapi/describe": json("jenkins/describe.json"),
    "GET /bk/v2/organizations/acme/pipelines/api/builds": json("buildkite/builds.json"),
    "GET /bk/v2/organizations/acme/pipelines/api/builds/1433": json("buildkite/build.json"),
    "GET /go/cctray.xml": { body: shiftIso(fixture("cctray/cctray.xml")), headers: { "content-type": "application/xml" } },
  });
  const every = "2s";
  collector = await startCollector({
    env: { CI_TOKEN: "integration-secret-token" },
    config: {
      title: "CI kinds",
      connections: {
        gh: { type: "github", url: `${fake.url}/gh`, token: "${CI_TOKEN}" },
        gl: { type: "gitlab", url: `${fake.url}/gl/api/v4`, token: "${CI_TOKEN}" },
        jenkins: { type: "jenkins", url: `${fake.url}/jenkins`, user: "radiator", token: "${CI_TOKEN}" },
        bk: { type: "buildkite", url: `${fake.url}/bk/v2`, token: "${CI_TOKEN}" },
        go: { type: "cctray", url: `${fake.url}/go/cctray.xml` },
      },
      boards: [{ id: "ci", title: "CI", tiles: [
        { id: "gh", title: "GitHub", kind: "github-actions", connection: "gh", repo: "acme/api", workflow: "ci.yml", every },
        { id: "gl", title: "GitLab", kind: "gitlab-pipelines", connection: "gl", project: "acme/api", every },
        { id: "jenkins", title: "Jenkins", kind: "jenkins-job", connection: "jenkins", job: "team/api", every },
        { id: "bk", title: "Buildkite", kind: "buildkite-pipeline", connection: "bk", org: "acme", pipeline: "api", every },
        { id: "go", title: "GoCD", kind: "cctray", connection: "go", every },
      ] }],
    },
  });
});

afterAll(async () => {
  await collector?.stop();
  await fake?.close();
});

describe("CI tiles in a running collector", () => {
  it.each([
    ["gh", "#1433 failed in test", "test"],
    ["gl", "#3433 failed in rspec", "rspec"],
    ["jenkins", "#1433 failed in Test", "Test"],
    ["bk", "#1433 failed in :rspec: Test", ":rspec: Test"],
  ])("%s shows red since the first failure, running with progress, the breakers and the failing job first", async (id, summary, job) => {
    const tile = await collector.waitForTile(id, (t) => t.checkedAt !== null, 20_000);
    expect(tile).toMatchObject({ status: "fail", running: true, stale: false });
    expect(tile.summary).toContain(summary);
    expect(Date.parse(tile.since!)).toBeCloseTo(Date.parse("2026-11-29T09:52:00Z") + SHIFT, -4);
    expect(tile.progress).toBeGreaterThanOrEqual(0.5);
    expect(tile.progress).toBeLessThan(1);
    expect(tile.people).toContain("Bob Builder");
    expect(tile.items?.[0]).toMatchObject({ title: job, status: "fail" });
    expect(tile.items?.[0]?.url).toMatch(/^https:\/\//);
    expect(tile.series?.length).toBeGreaterThan(3);
    expect(tile.url).toMatch(/^https:\/\//);
    expect(JSON.stringify(tile)).not.toContain("integration-secret-token");
  });

  it("cctray shows the whole feed: worst wins, one item per project", async () => {
    const tile = await collector.waitForTile("go", (t) => t.checkedAt !== null, 20_000);
    expect(tile).toMatchObject({ status: "fail", running: true, people: ["Alice Liddell", "Bob Builder"] });
    expect(tile.items).toHaveLength(4);
  });
});
