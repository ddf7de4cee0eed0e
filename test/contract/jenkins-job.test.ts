import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";
import { countedUpstream, etagged, upstreamFailureTests } from "../helpers/ci-contract.ts";
import { buildTile } from "../helpers/builders.ts";

const TOKEN = "11fakeApiToken0123456789abcdef";
const JOB = "GET /jenkins/job/team/job/api/api/json";
const DESCRIBE = "GET /jenkins/job/team/job/api/1433/wfapi/describe";
const params = { job: "team/api" };
const conn = (url: string) => ({ type: "jenkins", url: `${url}/jenkins`, user: "radiator", token: TOKEN });
const NOW = new Date("2026-11-29T10:30:00Z");

function job(from = 0, result?: string) {
  const b = fixture("jenkins/job.json");
  b.builds = b.builds.slice(from);
  if (result) {
    Object.assign(b.builds[0], { result, building: false, duration: 600_000 });
    b.color = "red";
  } else if (from > 0) b.color = "red";
  return b;
}

describe("jenkins-job against a fake Jenkins", () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await countedUpstream({ [DESCRIBE]: { json: fixture("jenkins/describe.json") } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("sends user and API token as basic auth and asks only for the fields it reads, in one request", async () => {
    fake.route(JOB, { json: job(1) });
    await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    const [req] = fake.hits(JOB);
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`radiator:${TOKEN}`).toString("base64")}`);
    const tree = req!.query.get("tree")!;
    expect(tree).toMatch(/^color,builds\[number,url,result,building,timestamp,duration,/);
    expect(tree).toMatch(/\]\{0,20\}$/);
  });

  it("shows red with the failing stage when the latest build failed", async () => {
    fake.route(JOB, { json: job(1) });
    const f = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: false,
      summary: "#1433 failed in Test · Bob Builder · 18 min ago",
    });
    expect(f.items?.[0]).toMatchObject({ title: "Test", status: "fail" });
    // describe.json: durationMillis per stage; Deploy never ran (0 ms, NOT_EXECUTED) and has none
    expect(f.items?.map((i) => [i.title, i.durationSec])).toEqual([
      ["Test", 480],
      ["Build", 240],
      ["Deploy", undefined],
    ]);
  });

  it("shows green after a successful build", async () => {
    fake.route(JOB, { json: { ...job(4), color: "blue" } });
    fake.route("GET /jenkins/job/team/job/api/1430/wfapi/describe", {
      json: { ...(fixture("jenkins/describe.json") as object), stages: [] },
    });
    const f = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "ok", running: false });
  });

  it("shows a build in progress over red, with progress", async () => {
    fake.route(JOB, { json: job(0) });
    const f = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: true, progress: 0.5 });
  });

  it("keeps red when the newest build was aborted after a failure", async () => {
    fake.route(JOB, { json: { ...job(0, "ABORTED"), color: "aborted" } });
    const f = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: false });
  });

  it("is unknown, naming the value, for a colour Jenkins never documented", async () => {
    fake.route(JOB, { json: { ...job(1), color: "chartreuse" } });
    const f = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "unknown", error: 'unknown Jenkins color "chartreuse"' });
  });

  it("shows no stages, without error, for a job without the Stage View plugin (404)", async () => {
    fake.route(JOB, { json: job(1) });
    fake.route(DESCRIBE, { status: 404, body: "Not Found" });
    const f = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", summary: "#1433 failed · Bob Builder · 18 min ago" });
    expect(f.items).toBeUndefined();
  });

  it("does not ask for the stages again while the same build is shown", async () => {
    fake.route(JOB, { json: job(1) });
    const first = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW });
    const second = await pollTile("jenkins-job", params, conn(fake.url), {
      now: NOW,
      previous: buildTile({ ...first, kind: "jenkins-job" } as never),
    });
    expect(second.items).toEqual(first.items);
    expect(fake.hits(DESCRIBE)).toHaveLength(1);
  });

  it("sends If-None-Match when Jenkins (or a proxy in front) gave an ETag, and reuses the answer on 304", async () => {
    fake.route(JOB, etagged({ json: job(1) }, '"job-v1"'));
    fake.route(DESCRIBE, etagged({ json: fixture("jenkins/describe.json") }, '"describe-v1"'));
    const client = makeClient(conn(fake.url)).http;
    const first = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW, http: client });
    const second = await pollTile("jenkins-job", params, conn(fake.url), { now: NOW, http: client });
    expect(second).toEqual(first);
    expect(fake.hits(JOB)[1]!.headers["if-none-match"]).toBe('"job-v1"');
    expect(client.counters).toEqual({ requests: 4, notModified: 2 });
  });
});

upstreamFailureTests({
  kind: "jenkins-job",
  params,
  connection: conn,
  secret: TOKEN,
  route: JOB,
  malformed: {
    body: '{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowJob","builds":[{"number":',
    headers: { "content-type": "application/json;charset=utf-8" },
  },
  malformedError: /malformed JSON/,
  good: { json: fixture("jenkins/job.json") },
});
