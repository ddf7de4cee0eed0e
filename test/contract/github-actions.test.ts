import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";
import { countedUpstream, etagged, upstreamFailureTests } from "../helpers/ci-contract.ts";

const TOKEN = "ghp_fakeToken1234567890";
const RUNS = "GET /repos/acme/api/actions/workflows/ci.yml/runs";
const JOBS = "GET /repos/acme/api/actions/runs/30435075/jobs";
const params = { repo: "acme/api", branch: "main", workflow: "ci.yml" };
const conn = (url: string) => ({ type: "github", url, token: TOKEN });
const NOW = new Date("2026-11-29T10:30:00Z");
const rateHeaders = {
  "x-ratelimit-limit": "5000",
  "x-ratelimit-remaining": "4987",
  "x-ratelimit-reset": "1795940000",
  "x-ratelimit-used": "13",
  "x-ratelimit-resource": "core",
};

/** The runs fixture from the nth run on, with the newest one's status and conclusion replaced. */
function runs(from = 0, status?: string, conclusion?: string | null) {
  const b = fixture("github/runs.json");
  b.workflow_runs = b.workflow_runs.slice(from);
  if (status) Object.assign(b.workflow_runs[0], { status, conclusion });
  return b;
}

describe("github-actions against a fake GitHub", () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await countedUpstream({ [JOBS]: { json: fixture("github/jobs.json"), headers: rateHeaders } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("sends the token as Bearer, filters by branch, asks for one page and leaves pull requests out", async () => {
    fake.route(RUNS, { json: runs(1, "completed", "success"), headers: rateHeaders });
    const f = await pollTile("github-actions", params, conn(fake.url), { now: NOW });
    expect(f.status).toBe("ok");
    const [req] = fake.hits(RUNS);
    expect(req!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req!.headers["x-github-api-version"]).toBe("2022-11-28");
    expect(req!.headers.accept).toBe("application/vnd.github+json");
    expect(Object.fromEntries(req!.query)).toEqual({ branch: "main", per_page: "20", exclude_pull_requests: "true" });
    expect(fake.hits(JOBS)[0]!.query.get("per_page")).toBe("100");
  });

  it("shows red with the failing job when the latest run failed", async () => {
    fake.route(RUNS, { json: runs(1) });
    const f = await pollTile("github-actions", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: false, people: ["Alice Liddell", "Bob Builder"] });
    expect(f.summary).toBe("#1433 failed in test · Bob Builder · 18 min ago");
    expect(f.items?.[0]).toMatchObject({ title: "test", status: "fail" });
    // head_commit.timestamp of run #1433, for a deploy tile's lead time
    expect(f.commitAt).toBe("2026-11-29T10:00:00Z");
    // jobs.json: test ran 10:04 → 10:12 (started_at → completed_at)
    expect(f.items?.map((i) => [i.title, i.durationSec])).toEqual([
      ["test", 480],
      ["build", 240],
      ["lint", 120],
    ]);
  });

  it("shows a run in progress over red, with progress", async () => {
    fake.route(RUNS, { json: runs(0) });
    const f = await pollTile("github-actions", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: true, progress: 0.5 });
  });

  it("keeps red when the newest run was cancelled after a failure", async () => {
    fake.route(RUNS, { json: runs(0, "completed", "cancelled") });
    const f = await pollTile("github-actions", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: false });
    expect(f.summary).toMatch(/^#1433 failed/);
  });

  it("is unknown, naming the value, for a conclusion GitHub never documented", async () => {
    fake.route(RUNS, { json: runs(0, "completed", "vaporised") });
    const f = await pollTile("github-actions", params, conn(fake.url), { now: NOW });
    expect(f.status).toBe("unknown");
    expect(f.error).toContain('"vaporised"');
  });

  it("sends If-None-Match on the next poll and reuses the answer on 304", async () => {
    fake.route(RUNS, etagged({ json: runs(1), headers: rateHeaders }, '"runs-v1"'));
    fake.route(JOBS, etagged({ json: fixture("github/jobs.json") }, 'W/"jobs-v1"'));
    const client = makeClient(conn(fake.url)).http;
    const first = await pollTile("github-actions", params, conn(fake.url), { now: NOW, http: client });
    const second = await pollTile("github-actions", params, conn(fake.url), { now: NOW, http: client });
    expect(second).toEqual(first);
    expect(fake.hits(RUNS)[1]!.headers["if-none-match"]).toBe('"runs-v1"');
    expect(fake.hits(JOBS)[1]!.headers["if-none-match"]).toBe('W/"jobs-v1"');
    expect(client.counters).toEqual({ requests: 4, notModified: 2 });
    expect(client.rateLimit.remaining).toBe(4987);
  });

  it("uses the runs of every workflow when none is named", async () => {
    fake.route("GET /repos/acme/api/actions/runs", { json: runs(1) });
    const f = await pollTile("github-actions", { repo: "acme/api" }, conn(fake.url), { now: NOW });
    expect(f.summary).toMatch(/^CI #1433 failed/);
  });
});

upstreamFailureTests({
  kind: "github-actions",
  params,
  connection: conn,
  secret: TOKEN,
  route: RUNS,
  malformed: { body: '{"total_count": 3, "workflow_runs": [', headers: { "content-type": "application/json" } },
  malformedError: /malformed JSON/,
  good: { json: fixture("github/runs.json") },
});
