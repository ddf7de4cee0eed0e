// pagerduty-oncall against a fake PagerDuty REST API v2 replaying documented bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const pd = () => ({ type: "pagerduty", url: up.url, token: "u+pdkey123456" });

describe("pagerduty-oncall", () => {
  it("asks who is on call now, then who overlaps the minute after that shift ends", async () => {
    up = await fakeUpstream({
      "GET /oncalls": (req) => ({
        json: fixture(req.query.get("since") ? "pagerduty/oncalls-next.json" : "pagerduty/oncalls-now.json"),
      }),
    });
    const f = await pollTile("pagerduty-oncall", { schedule: "PI7DH85" }, pd(), { now });
    expect(up.requests).toHaveLength(2);
    const [first, second] = up.requests;
    expect(first!.headers.authorization).toBe("Token token=u+pdkey123456");
    expect(first!.headers.accept).toBe("application/vnd.pagerduty+json;version=2");
    expect(first!.query.getAll("schedule_ids[]")).toEqual(["PI7DH85"]);
    expect(first!.query.get("earliest")).toBe("true");
    expect(first!.query.get("since")).toBeNull();
    expect(second!.query.get("since")).toBe("2026-12-03T09:01:00.000Z");
    expect(second!.query.get("until")).toBe("2026-12-03T09:02:00.000Z");
    expect(f).toMatchObject({ status: "ok", people: ["Alice Adams", "next: Chandra Rao"] });
  });

  it("filters by escalation policy when given one", async () => {
    up = await fakeUpstream({ "GET /oncalls": { json: fixture("pagerduty/oncalls-empty.json") } });
    const f = await pollTile("pagerduty-oncall", { escalationPolicy: "PT20YPA" }, pd(), { now });
    expect(up.requests[0]!.query.getAll("escalation_policy_ids[]")).toEqual(["PT20YPA"]);
    expect(up.requests[0]!.query.has("schedule_ids[]")).toBe(false);
    expect(f).toMatchObject({ status: "fail", summary: "nobody is on call for escalation policy PT20YPA" });
    expect(up.requests).toHaveLength(1);
  });

  it("follows `more` with offset", async () => {
    const all = fixture("pagerduty/oncalls-now.json");
    up = await fakeUpstream({
      "GET /oncalls": (req) =>
        req.query.get("since")
          ? { json: fixture("pagerduty/oncalls-empty.json") }
          : req.query.get("offset") === "0"
            ? { json: { ...all, oncalls: [all.oncalls[1]], more: true } }
            : { json: { ...all, oncalls: [all.oncalls[0]], offset: 1, more: false } },
    });
    const f = await pollTile("pagerduty-oncall", { schedule: "PI7DH85" }, pd(), { now });
    expect(up.requests.filter((r) => !r.query.get("since")).map((r) => r.query.get("offset"))).toEqual(["0", "1"]);
    expect(f.people).toEqual(["Alice Adams"]);
  });

  it("an entry without a user is not somebody on call", async () => {
    const all = fixture("pagerduty/oncalls-now.json");
    up = await fakeUpstream({ "GET /oncalls": { json: { ...all, oncalls: [{ ...all.oncalls[0], user: null }] } } });
    expect((await pollTile("pagerduty-oncall", { schedule: "PI7DH85" }, pd(), { now })).status).toBe("fail");
  });

  it("a 401 names the key, never its value", async () => {
    up = await fakeUpstream({
      "GET /oncalls": { status: 401, json: { error: { message: "Authentication failed", code: 2006 } } },
    });
    const err = await pollTile("pagerduty-oncall", { schedule: "PI7DH85" }, pd(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/token rejected/);
    expect(String(err)).not.toContain("pdkey123456");
  });

  it("a 429 with Retry-After fails the poll and holds off", async () => {
    up = await fakeUpstream({ "GET /oncalls": { status: 429, headers: { "retry-after": "20" }, body: "" } });
    const client = makeClient(pd());
    await expect(
      pollTile("pagerduty-oncall", { schedule: "PI7DH85" }, pd(), { now, http: client.http }),
    ).rejects.toMatchObject({ code: "rate-limited" });
    await expect(
      pollTile("pagerduty-oncall", { schedule: "PI7DH85" }, pd(), { now, http: client.http }),
    ).rejects.toThrow(/rate limited until/);
    expect(up.requests).toHaveLength(1);
  });

  it.each([
    ["not JSON", { body: "<html/>" }, /malformed JSON/],
    ["no oncalls list", { json: { limit: 25 } }, /unexpected shape: oncalls/],
    [
      "an entry without a level",
      { json: { oncalls: [{ user: { summary: "x" } }] } },
      /unexpected shape: oncalls.0.escalation_level/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /oncalls": answer });
    await expect(pollTile("pagerduty-oncall", { schedule: "PI7DH85" }, pd(), { now })).rejects.toThrow(message);
  });
});
