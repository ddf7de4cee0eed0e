// jira against a fake Jira Cloud / Data Center replaying documented bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";
import { buildTile } from "../helpers/builders.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());

const cloud = () => ({ type: "jira", url: up.url, flavor: "cloud", email: "ops@acme.com", token: "atl-token-123456" });
const dc = () => ({ type: "jira", url: `${up.url}/jira`, token: "dc-pat-abcdef123" });
const basic = `Basic ${Buffer.from("ops@acme.com:atl-token-123456").toString("base64")}`;

describe("jira on Jira Cloud", () => {
  it("follows nextPageToken only until the tile's issues are read, then asks the approximate count", async () => {
    up = await fakeUpstream({
      "GET /rest/api/3/search/jql": (req) => ({
        json: fixture(
          req.query.get("nextPageToken") ? "jira/cloud-search-page-2.json" : "jira/cloud-search-page-1.json",
        ),
      }),
      "POST /rest/api/3/search/approximate-count": { json: fixture("jira/cloud-approximate-count.json") },
    });
    const jql = "project = OPS AND statusCategory != Done ORDER BY priority DESC";
    const f = await pollTile("jira", { jql, limit: 3, warn: 100, fail: 200 }, cloud(), { now });
    const searches = up.hits("GET /rest/api/3/search/jql");
    expect(searches).toHaveLength(2);
    expect(searches[0]!.headers.authorization).toBe(basic);
    expect(Object.fromEntries(searches[0]!.query)).toEqual({
      jql,
      maxResults: "3",
      fields: "summary,priority,status,assignee,created",
    });
    expect(searches[1]!.query.get("nextPageToken")).toBe("CAEaAggD");
    expect(searches[1]!.query.get("maxResults")).toBe("1");
    const count = up.hits("POST /rest/api/3/search/approximate-count");
    expect(count).toHaveLength(1);
    expect(JSON.parse(count[0]!.body)).toEqual({ jql: "project = OPS AND statusCategory != Done" });
    expect(f).toMatchObject({ status: "warn", value: 153, summary: "153 issues (warn at 100, fail at 200)" });
    expect(f.items!.map((i) => i.title)).toEqual([
      "OPS-231 Disk almost full on db-2",
      "OPS-229 Rotate the staging TLS certificate",
      "OPS-220 Backups of the wiki fail on Sundays",
    ]);
    expect(f.items![2]!.url).toBe(`${up.url}/browse/OPS-220`);
    expect(f.series).toEqual([{ t: now.getTime(), v: 153 }]);
  });

  it("an empty result is ok with a count of 0, from one request", async () => {
    up = await fakeUpstream({ "GET /rest/api/3/search/jql": { json: fixture("jira/cloud-search-empty.json") } });
    const f = await pollTile("jira", { jql: "project = OPS", warn: 1 }, cloud(), { now });
    expect(f).toMatchObject({ status: "ok", value: 0, summary: "0 issues (warn at 1)", items: [] });
    expect(up.requests).toHaveLength(1);
  });

  it("continues the sparkline from the previous tile, or from the collector's history after a restart", async () => {
    up = await fakeUpstream({ "GET /rest/api/3/search/jql": { json: fixture("jira/cloud-search-empty.json") } });
    const history = [
      { t: 1000, status: "warn" as const, value: 12 },
      { t: 2000, status: "ok" as const, value: 3 },
    ];
    const fromHistory = await pollTile("jira", { jql: "project = OPS" }, cloud(), { now, history });
    expect(fromHistory.series).toEqual([
      { t: 1000, v: 12 },
      { t: 2000, v: 3 },
      { t: now.getTime(), v: 0 },
    ]);
    const later = new Date(now.getTime() + 60_000);
    const next = await pollTile("jira", { jql: "project = OPS" }, cloud(), {
      now: later,
      history,
      previous: buildTile({ series: fromHistory.series }),
    });
    expect(next.series).toHaveLength(4);
  });

  it("guesses Cloud from an atlassian.net URL", async () => {
    const { jiraFlavor } = await import("../../collector/connections/jira.ts");
    expect(jiraFlavor({ type: "jira" }, "https://acme.atlassian.net")).toBe("cloud");
    expect(jiraFlavor({ type: "jira" }, "https://jira.acme.com")).toBe("datacenter");
    expect(jiraFlavor({ type: "jira", flavor: "cloud" } as never, "http://127.0.0.1:1")).toBe("cloud");
  });
});

describe("jira on Jira Data Center", () => {
  it("sends the personal access token as Bearer and counts from `total`", async () => {
    up = await fakeUpstream({ "GET /jira/rest/api/2/search": { json: fixture("jira/datacenter-search.json") } });
    const f = await pollTile("jira", { jql: "project = SYS", limit: 2, fail: 40 }, dc(), { now });
    const [req] = up.requests;
    expect(req!.headers.authorization).toBe("Bearer dc-pat-abcdef123");
    expect(Object.fromEntries(req!.query)).toEqual({
      jql: "project = SYS",
      startAt: "0",
      maxResults: "2",
      fields: "summary,priority,status,assignee,created",
    });
    expect(up.requests).toHaveLength(1);
    expect(f).toMatchObject({ status: "fail", value: 47, people: ["Carol Chen"] });
    expect(f.items![0]).toMatchObject({
      title: "SYS-11 Replace failed disk in nas-1",
      url: `${up.url}/jira/browse/SYS-11`,
      detail: "Major · Open · Carol Chen · 2 d ago",
    });
  });

  it("an empty result is ok", async () => {
    up = await fakeUpstream({ "GET /jira/rest/api/2/search": { json: fixture("jira/datacenter-search-empty.json") } });
    expect(await pollTile("jira", { jql: "project = SYS" }, dc(), { now })).toMatchObject({ status: "ok", value: 0 });
  });
});

describe("jira when things go wrong", () => {
  it("a 401 names the token, never its value", async () => {
    up = await fakeUpstream({
      "GET /jira/rest/api/2/search": { status: 401, json: { errorMessages: ["You are not authenticated."] } },
    });
    const err = await pollTile("jira", { jql: "x" }, dc(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/token rejected/);
    expect(String(err)).not.toContain("dc-pat-abcdef123");
  });

  it("a 429 with Retry-After fails the poll and holds off until then", async () => {
    up = await fakeUpstream({
      "GET /rest/api/3/search/jql": { status: 429, headers: { "retry-after": "120" }, body: "" },
    });
    const client = makeClient(cloud());
    await expect(pollTile("jira", { jql: "x" }, cloud(), { now, http: client.http })).rejects.toMatchObject({
      code: "rate-limited",
    });
    await expect(pollTile("jira", { jql: "x" }, cloud(), { now, http: client.http })).rejects.toThrow(
      /rate limited until/,
    );
    expect(up.requests).toHaveLength(1);
  });

  it.each([
    ["a body that is not JSON", { body: "<html>maintenance</html>" }, /malformed JSON/],
    ["issues that are not a list", { json: { issues: "none", total: 3 } }, /unexpected shape: issues/],
    ["a total that is not a number", { json: { issues: [], total: "many" } }, /unexpected shape: total/],
  ])("%s fails the poll (→ unknown, never green)", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /jira/rest/api/2/search": answer });
    await expect(pollTile("jira", { jql: "x" }, dc(), { now })).rejects.toThrow(message);
  });

  it("a count that is not a number fails the poll", async () => {
    up = await fakeUpstream({
      "GET /rest/api/3/search/jql": { json: fixture("jira/cloud-search-page-1.json") },
      "POST /rest/api/3/search/approximate-count": { json: { count: null } },
    });
    await expect(pollTile("jira", { jql: "x", limit: 2 }, cloud(), { now })).rejects.toThrow(
      /approximate count answered in an unexpected shape: count/,
    );
  });
});
