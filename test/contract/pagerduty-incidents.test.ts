// pagerduty-incidents against a fake PagerDuty REST API v2 replaying documented bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const pd = () => ({ type: "pagerduty", url: up.url, token: "u+pdkey123456" });

describe("pagerduty-incidents", () => {
  it("asks for open incidents of the services and teams, with the API key and v2 Accept header", async () => {
    up = await fakeUpstream({ "GET /incidents": { json: fixture("pagerduty/incidents-empty.json") } });
    const f = await pollTile("pagerduty-incidents", { services: ["PIJ90N7", "PXYZ123"], teams: ["PQ9K7I8"] }, pd(), {
      now,
    });
    const [req] = up.requests;
    expect(req!.headers.authorization).toBe("Token token=u+pdkey123456");
    expect(req!.headers.accept).toBe("application/vnd.pagerduty+json;version=2");
    expect(req!.query.getAll("statuses[]")).toEqual(["triggered", "acknowledged"]);
    expect(req!.query.getAll("service_ids[]")).toEqual(["PIJ90N7", "PXYZ123"]);
    expect(req!.query.getAll("team_ids[]")).toEqual(["PQ9K7I8"]);
    expect(Object.fromEntries([...req!.query].filter(([k]) => !k.endsWith("[]")))).toEqual({
      date_range: "all",
      limit: "100",
      offset: "0",
      total: "true",
    });
    expect(f).toMatchObject({ status: "ok", summary: "no open incidents", value: 0 });
  });

  it("follows `more` with offset until a triggered incident is found", async () => {
    up = await fakeUpstream({
      "GET /incidents": (req) => ({
        json: fixture(
          req.query.get("offset") === "0" ? "pagerduty/incidents-page-1.json" : "pagerduty/incidents-page-2.json",
        ),
      }),
    });
    const f = await pollTile("pagerduty-incidents", { limit: 2 }, pd(), { now });
    expect(up.requests.map((r) => r.query.get("offset"))).toEqual(["0", "2"]);
    expect(up.requests[1]!.query.get("total")).toBeNull();
    expect(f).toMatchObject({ status: "fail", value: 3 });
    expect(f.items!.map((i) => i.title)).toEqual([
      "#1207 Disk full on db-3",
      "#1201 Replication lag on db-2 above 60 s",
    ]);
  });

  it("stops reading once a triggered incident and enough items are in hand", async () => {
    const page = fixture("pagerduty/incidents-page-2.json");
    up = await fakeUpstream({ "GET /incidents": { json: { ...page, more: true, total: 250 } } });
    const f = await pollTile("pagerduty-incidents", { limit: 1 }, pd(), { now });
    expect(up.requests).toHaveLength(1);
    expect(f).toMatchObject({ status: "fail", value: 250 });
  });

  it("an unknown status value is unknown, never green", async () => {
    const page = fixture("pagerduty/incidents-page-1.json");
    page.incidents[1].status = "investigating";
    up = await fakeUpstream({ "GET /incidents": { json: { ...page, more: false } } });
    const f = await pollTile("pagerduty-incidents", {}, pd(), { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toMatch(/status "investigating"/);
  });

  it("a 401 names the key, never its value", async () => {
    up = await fakeUpstream({
      "GET /incidents": { status: 401, json: { error: { message: "Authentication failed", code: 2006 } } },
    });
    const err = await pollTile("pagerduty-incidents", {}, pd(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/token rejected/);
    expect(String(err)).not.toContain("pdkey123456");
  });

  it("a 429 with Retry-After fails the poll and holds off", async () => {
    up = await fakeUpstream({
      "GET /incidents": {
        status: 429,
        headers: { "retry-after": "20" },
        json: { error: { message: "Rate Limit Exceeded", code: 2020 } },
      },
    });
    const client = makeClient(pd());
    await expect(pollTile("pagerduty-incidents", {}, pd(), { now, http: client.http })).rejects.toMatchObject({
      code: "rate-limited",
    });
    await expect(pollTile("pagerduty-incidents", {}, pd(), { now, http: client.http })).rejects.toThrow(
      /rate limited until/,
    );
    expect(up.requests).toHaveLength(1);
  });

  it.each([
    ["not JSON", { body: "gateway timeout" }, /malformed JSON/],
    ["no incidents list", { json: { limit: 25, offset: 0, more: false } }, /unexpected shape: incidents/],
    [
      "an incident without status",
      { json: { incidents: [{ id: "Q1", created_at: "2026-11-29T09:00:00Z" }], more: false } },
      /unexpected shape: incidents.0.status/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /incidents": answer });
    await expect(pollTile("pagerduty-incidents", {}, pd(), { now })).rejects.toThrow(message);
  });
});
