/**
 * Fake CI servers replaying the documented fixtures, moved to "now", and a
 * board with one tile of each CI kind pointed at them. Shared by the
 * integration test (state) and the e2e test (the page).
 */
import { fakeUpstream, fixture, type FakeUpstream } from "./fake-upstream.ts";

/** The fixtures' story is told at 10:30 UTC; move every time in them to the present. */
export const SHIFT = Date.now() - Date.parse("2026-11-29T10:30:00Z");
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g;
const shiftIso = (s: string) => s.replace(ISO, (m) => new Date(Date.parse(m) + SHIFT).toISOString());
function shifted(value: unknown, key = ""): unknown {
  if (typeof value === "string") return shiftIso(value);
  if (typeof value === "number" && /^(timestamp|startTimeMillis|endTimeMillis)$/.test(key)) return value + SHIFT;
  if (Array.isArray(value)) return value.map((v) => shifted(v));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, k)]));
  return value;
}
const json = (name: string) => ({ json: shifted(fixture(name)) });

export const CI_TOKEN = "integration-secret-token";

export async function ciFakes(every = "2s"): Promise<{ fake: FakeUpstream; config: object }> {
  const fake = await fakeUpstream({
    "GET /gh/repos/acme/api/actions/workflows/ci.yml/runs": json("github/runs.json"),
    "GET /gh/repos/acme/api/actions/runs/30435075/jobs": json("github/jobs.json"),
    "GET /gl/api/v4/projects/acme%2Fapi/pipelines": json("gitlab/pipelines.json"),
    "GET /gl/api/v4/projects/acme%2Fapi/pipelines/3433/jobs": json("gitlab/jobs.json"),
    "GET /jenkins/job/team/job/api/api/json": json("jenkins/job.json"),
    "GET /jenkins/job/team/job/api/1433/wfapi/describe": json("jenkins/describe.json"),
    "GET /bk/v2/organizations/acme/pipelines/api/builds": json("buildkite/builds.json"),
    "GET /bk/v2/organizations/acme/pipelines/api/builds/1433": json("buildkite/build.json"),
    "GET /go/cctray.xml": {
      body: shiftIso(fixture("cctray/cctray.xml")),
      headers: { "content-type": "application/xml" },
    },
  });
  const config = {
    title: "CI kinds",
    connections: {
      gh: { type: "github", url: `${fake.url}/gh`, token: "${CI_TOKEN}" },
      gl: { type: "gitlab", url: `${fake.url}/gl/api/v4`, token: "${CI_TOKEN}" },
      jenkins: { type: "jenkins", url: `${fake.url}/jenkins`, user: "radiator", token: "${CI_TOKEN}" },
      bk: { type: "buildkite", url: `${fake.url}/bk/v2`, token: "${CI_TOKEN}" },
      go: { type: "cctray", url: `${fake.url}/go/cctray.xml` },
    },
    boards: [
      {
        id: "ci",
        title: "CI",
        tiles: [
          {
            id: "gh",
            title: "GitHub",
            kind: "github-actions",
            connection: "gh",
            repo: "acme/api",
            workflow: "ci.yml",
            every,
          },
          { id: "gl", title: "GitLab", kind: "gitlab-pipelines", connection: "gl", project: "acme/api", every },
          { id: "jenkins", title: "Jenkins", kind: "jenkins-job", connection: "jenkins", job: "team/api", every },
          {
            id: "bk",
            title: "Buildkite",
            kind: "buildkite-pipeline",
            connection: "bk",
            org: "acme",
            pipeline: "api",
            every,
          },
          { id: "go", title: "GoCD", kind: "cctray", connection: "go", every },
        ],
      },
    ],
  };
  return { fake, config };
}
