import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";
import { countedUpstream, etagged, upstreamFailureTests } from "../helpers/ci-contract.ts";

const PASSWORD = "cctray-fake-secret-42";
const FEED = "GET /go/cctray.xml";
const conn = (url: string) => ({ type: "cctray", url: `${url}/go/cctray.xml`, user: "radiator", password: PASSWORD });
const NOW = new Date("2026-11-29T10:30:00Z");
const xml = (body: string) => ({ body, headers: { "content-type": "application/xml; charset=utf-8" } });
const FIXTURE = fixture<string>("cctray/cctray.xml");

describe("cctray against a fake feed", () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await countedUpstream({ [FEED]: xml(FIXTURE) });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("fetches the feed URL as given, with basic auth, and shows the worst project", async () => {
    const f = await pollTile("cctray", {}, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "fail", running: true });
    const [req] = fake.hits(FEED);
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`radiator:${PASSWORD}`).toString("base64")}`);
    expect(req!.headers.accept).toMatch(/xml/);
  });

  it("needs no credentials for an open feed", async () => {
    await pollTile("cctray", {}, { type: "cctray", url: `${fake.url}/go/cctray.xml` }, { now: NOW });
    expect(fake.hits(FEED)[0]!.headers.authorization).toBeUndefined();
  });

  it("shows green for a passing project", async () => {
    expect(await pollTile("cctray", { project: "api :: build" }, conn(fake.url), { now: NOW })).toMatchObject({
      status: "ok",
      running: false,
    });
  });

  it("shows red for a failing project", async () => {
    expect(await pollTile("cctray", { project: "docs" }, conn(fake.url), { now: NOW })).toMatchObject({
      status: "fail",
      running: false,
    });
  });

  it("shows a build in progress over red", async () => {
    expect(await pollTile("cctray", { project: "api :: test" }, conn(fake.url), { now: NOW })).toMatchObject({
      status: "fail",
      running: true,
    });
  });

  it("keeps red for a failed project whose server is checking for changes (no verdict of its own)", async () => {
    fake.route(FEED, xml(FIXTURE.replace('activity="Building"', 'activity="CheckingModifications"')));
    expect(await pollTile("cctray", { project: "api :: test" }, conn(fake.url), { now: NOW })).toMatchObject({
      status: "fail",
      running: false,
    });
  });

  it("is unknown, naming the value, for an undocumented lastBuildStatus", async () => {
    fake.route(
      FEED,
      xml(
        FIXTURE.replace(
          'lastBuildStatus="Success" lastBuildLabel="88"',
          'lastBuildStatus="Pending" lastBuildLabel="88"',
        ),
      ),
    );
    const f = await pollTile("cctray", { project: "web :: build" }, conn(fake.url), { now: NOW });
    expect(f).toMatchObject({ status: "unknown", error: 'unknown cctray lastBuildStatus "Pending" on web :: build' });
  });

  it("sends If-None-Match on the next poll and reuses the feed on 304", async () => {
    fake.route(FEED, etagged(xml(FIXTURE), '"feed-1"'));
    const client = makeClient(conn(fake.url)).http;
    const first = await pollTile("cctray", {}, conn(fake.url), { now: NOW, http: client });
    const second = await pollTile("cctray", {}, conn(fake.url), { now: NOW, http: client });
    expect(second).toEqual(first);
    expect(fake.hits(FEED)[1]!.headers["if-none-match"]).toBe('"feed-1"');
    expect(client.counters.notModified).toBe(1);
  });
});

upstreamFailureTests({
  kind: "cctray",
  params: {},
  connection: conn,
  secret: PASSWORD,
  route: FEED,
  malformed: xml('<?xml version="1.0"?><Projects><Project name="api" activity="Sleeping"'),
  malformedError: /not well-formed XML/,
  good: xml(FIXTURE + "<!-- padding -->\n".repeat(100)),
});
