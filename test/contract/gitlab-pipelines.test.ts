import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";
import { countedUpstream, etagged, upstreamFailureTests } from "../helpers/ci-contract.ts";
import { buildTile } from "../helpers/builders.ts";

const TOKEN = "glpat-fakeToken1234567890";
// The project path travels URL-encoded, as the API requires.
const PIPELINES = "GET /api/v4/projects/acme%2Fapi/pipelines";
const JOBS = "GET /api/v4/projects/acme%2Fapi/pipelines/3433/jobs";
const params = { project: "acme/api", ref: "main" };
const conn = (url: string) => ({ type: "gitlab", url: `${url}/api/v4`, token: TOKEN });
const NOW = new Date("2026-11-29T10:30:00Z");
const rateHeaders = {
  "ratelimit-limit": "2000",
  "ratelimit-remaining": "1990",
  "ratelimit-reset": "1795940000",
  "ratelimit-observed": "10",
};

function pipelines(from = 0, status?: string) {
  const b = fixture("gitlab/pipelines.json").slice(from);
  if (status) b[0].status = status;
  return b;
}

describe("gitlab-pipelines against a fake GitLab", () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await countedUpstream({ [JOBS]: { json: fixture("gitlab/jobs.json"), headers: rateHeaders } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("sends PRIVATE-TOKEN, filters by ref and asks for one page, newest first", async () => {
    fake.route(PIPELINES, { json: pipelines(1, "success"), headers: rateHeaders });
    const f = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW });
    expect(f.status).toBe("ok");
    const [req] = fake.hits(PIPELINES);
    expect(req!.headers["private-token"]).toBe(TOKEN);
    expect(req!.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(req!.query)).toEqual({ ref: "main", per_page: "20", order_by: "id", sort: "desc" });
  });

  it("shows red with the failing job when the latest pipeline failed", async () => {
    fake.route(PIPELINES, { json: pipelines(1) });
    const f = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: false,
      summary: "#3433 failed in rspec · Bob Builder · 18 min ago",
    });
    expect(fake.hits(JOBS)[0]!.query.get("per_page")).toBe("100");
    // the commit the jobs built (jobs.json `commit.created_at`), for a deploy tile's lead time
    expect(f.commitAt).toBe("2026-11-29T09:58:00.000+00:00");
    // jobs.json: each job's `duration` in seconds; the skipped deploy has none
    expect(Object.fromEntries(f.items!.map((i) => [i.title, i.durationSec]))).toEqual({
      rspec: 480,
      audit: 120,
      compile: 240,
      deploy: undefined,
    });
  });

  it("shows a pipeline in progress over red, with progress", async () => {
    fake.route(PIPELINES, { json: pipelines(0) });
    const f = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: true, progress: 0.5 });
  });

  it("keeps red when the newest pipeline was canceled after a failure", async () => {
    fake.route(PIPELINES, { json: pipelines(0, "canceled") });
    const f = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: false });
    expect(f.summary).toMatch(/^#3433 failed/);
  });

  it("is unknown, naming the value, for an undocumented status, and fetches no jobs for it", async () => {
    fake.route(PIPELINES, { json: pipelines(0, "levitating") });
    const f = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "unknown", error: 'unknown GitLab pipeline status "levitating" on #3434' });
    expect(fake.requests).toHaveLength(1);
  });

  it("sends If-None-Match on the next poll and reuses the answer on 304", async () => {
    fake.route(PIPELINES, etagged({ json: pipelines(1), headers: rateHeaders }, 'W/"pl-v1"'));
    const client = makeClient(conn(fake.url)).http;
    const first = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW, http: client });
    const second = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW, http: client });
    expect(second).toEqual(first);
    expect(fake.hits(PIPELINES)[1]!.headers["if-none-match"]).toBe('W/"pl-v1"');
    expect(client.counters.notModified).toBe(1);
    expect(client.rateLimit.remaining).toBe(1990);
  });

  it("does not fetch the jobs again while the same pipeline is shown", async () => {
    fake.route(PIPELINES, { json: pipelines(1) });
    const first = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW });
    const previous = buildTile({ ...first, kind: "gitlab-pipelines" } as never);
    const second = await pollTile("gitlab-pipelines", params, conn(fake.url), { now: NOW, previous });
    expect(second.items).toEqual(first.items);
    expect(second.people).toEqual(first.people);
    expect(fake.hits(JOBS)).toHaveLength(1);
  });

  it("accepts a numeric project id", async () => {
    fake.route("GET /api/v4/projects/278964/pipelines", { json: pipelines(1, "success") });
    fake.route("GET /api/v4/projects/278964/pipelines/3433/jobs", { json: [] });
    expect((await pollTile("gitlab-pipelines", { project: 278964 }, conn(fake.url), { now: NOW })).status).toBe("ok");
  });
});

upstreamFailureTests({
  kind: "gitlab-pipelines",
  params,
  connection: conn,
  secret: TOKEN,
  route: PIPELINES,
  malformed: { body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } },
  malformedError: /malformed JSON/,
  good: { json: fixture("gitlab/pipelines.json") },
});
