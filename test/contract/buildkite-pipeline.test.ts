import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";
import { countedUpstream, etagged, upstreamFailureTests } from "../helpers/ci-contract.ts";
import { buildTile } from "../helpers/builders.ts";

const TOKEN = "bkua_fakeToken1234567890";
const BUILDS = "GET /v2/organizations/acme/pipelines/api/builds";
const BUILD = "GET /v2/organizations/acme/pipelines/api/builds/1433";
const params = { org: "acme", pipeline: "api", branch: "main" };
const conn = (url: string) => ({ type: "buildkite", url: `${url}/v2`, token: TOKEN });
const NOW = new Date("2026-11-29T10:30:00Z");
const rateHeaders = { "ratelimit-remaining": "195", "ratelimit-limit": "200", "ratelimit-reset": "42" };

function builds(from = 0, state?: string) {
  const b = fixture("buildkite/builds.json").slice(from);
  if (state) b[0].state = state;
  return b;
}

describe("buildkite-pipeline against a fake Buildkite", () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await countedUpstream({ [BUILD]: { json: fixture("buildkite/build.json"), headers: rateHeaders } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("sends the token as Bearer, filters by branch and lists builds without their jobs", async () => {
    fake.route(BUILDS, { json: builds(1, "passed"), headers: rateHeaders });
    const f = await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW });
    expect(f.status).toBe("ok");
    const [req] = fake.hits(BUILDS);
    expect(req!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.fromEntries(req!.query)).toEqual({ branch: "main", per_page: "20", exclude_jobs: "true" });
  });

  it("shows red with the failing job when the latest build failed", async () => {
    fake.route(BUILDS, { json: builds(1) });
    const f = await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: false,
      summary: "#1433 failed in :rspec: Test · Bob Builder · 18 min ago",
    });
    // build.json: started_at → finished_at per job (the waiter is no job)
    expect(Object.fromEntries(f.items!.map((i) => [i.title, i.durationSec]))).toEqual({
      ":hammer: Build": 240,
      ":rspec: Test": 480,
      ":lint-roller: Lint": 60,
    });
  });

  it("shows a build in progress over red, with progress", async () => {
    fake.route(BUILDS, { json: builds(0) });
    expect(await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW })).toMatchObject({
      status: "fail",
      running: true,
      progress: 0.5,
    });
  });

  it("keeps red when the newest build was canceled after a failure", async () => {
    fake.route(BUILDS, { json: builds(0, "canceled") });
    expect(await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW })).toMatchObject({
      status: "fail",
      running: false,
    });
  });

  it("is unknown, naming the value, for a state Buildkite never documented", async () => {
    fake.route(BUILDS, { json: builds(0, "sublimated") });
    const f = await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "unknown", error: 'unknown Buildkite build state "sublimated" on #1434' });
    expect(fake.hits(BUILD)).toHaveLength(0);
  });

  it("does not fetch the build's jobs again while the same build is shown", async () => {
    fake.route(BUILDS, { json: builds(1) });
    const first = await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW });
    const second = await pollTile("buildkite-pipeline", params, conn(fake.url), {
      now: NOW,
      previous: buildTile({ ...first, kind: "buildkite-pipeline" } as never),
    });
    expect(second.items).toEqual(first.items);
    expect(fake.hits(BUILD)).toHaveLength(1);
  });

  it("sends If-None-Match on the next poll and reuses the answer on 304", async () => {
    fake.route(BUILDS, etagged({ json: builds(1), headers: rateHeaders }, 'W/"builds-v1"'));
    const client = makeClient(conn(fake.url)).http;
    const first = await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW, http: client });
    const second = await pollTile("buildkite-pipeline", params, conn(fake.url), { now: NOW, http: client });
    expect(second).toEqual(first);
    expect(fake.hits(BUILDS)[1]!.headers["if-none-match"]).toBe('W/"builds-v1"');
    expect(client.counters.notModified).toBe(1);
    expect(client.rateLimit.remaining).toBe(195);
  });
});

upstreamFailureTests({
  kind: "buildkite-pipeline",
  params,
  connection: conn,
  secret: TOKEN,
  route: BUILDS,
  malformed: { body: '[{"id":"f62a1b4d","number":1433,"state":"fai', headers: { "content-type": "application/json" } },
  malformedError: /malformed JSON/,
  good: { json: fixture("buildkite/builds.json") },
});
