// opsgenie-alerts against a fake Opsgenie Alert API replaying documented bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { makeClient, pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const og = () => ({ type: "opsgenie", url: up.url, token: "eb243592-faa2-4ba2-a551q-1afdf565c889" });

describe("opsgenie-alerts", () => {
  it("asks open alerts with the GenieKey and the tile's query", async () => {
    up = await fakeUpstream({ "GET /v2/alerts": { json: fixture("opsgenie/alerts-empty.json") } });
    const f = await pollTile("opsgenie-alerts", { query: "tag:prod" }, og(), { now });
    const [req] = up.requests;
    expect(req!.headers.authorization).toBe("GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889");
    expect(Object.fromEntries(req!.query)).toEqual({
      query: "status:open AND (tag:prod)",
      offset: "0",
      limit: "100",
      sort: "createdAt",
      order: "desc",
    });
    expect(f).toMatchObject({ status: "ok", summary: "no open alerts", value: 0 });
  });

  it("follows paging.next by offset and judges all open alerts", async () => {
    up = await fakeUpstream({
      "GET /v2/alerts": (req) => ({
        json: fixture(req.query.get("offset") === "0" ? "opsgenie/alerts-page-1.json" : "opsgenie/alerts-page-2.json"),
      }),
    });
    const f = await pollTile("opsgenie-alerts", {}, og(), { now });
    expect(up.requests.map((r) => r.query.get("offset"))).toEqual(["0", "2"]);
    expect(up.requests[0]!.query.get("query")).toBe("status:open");
    expect(f).toMatchObject({ status: "fail", value: 3, summary: "3 open: 1 P1, 1 P3, 1 P5 · 1 acknowledged" });
  });

  it("an unknown priority is unknown, never green", async () => {
    const page = fixture("opsgenie/alerts-empty.json");
    up = await fakeUpstream({
      "GET /v2/alerts": {
        json: { ...page, data: [{ ...fixture("opsgenie/alerts-page-1.json").data[1], priority: "P9" }] },
      },
    });
    const f = await pollTile("opsgenie-alerts", {}, og(), { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toMatch(/"P9"/);
  });

  it("a 401 names the key, never its value", async () => {
    up = await fakeUpstream({
      "GET /v2/alerts": { status: 401, json: { message: "Could not authenticate", took: 0.001, requestId: "x" } },
    });
    const err = await pollTile("opsgenie-alerts", {}, og(), { now }).catch((e: Error) => e);
    expect(String(err)).toMatch(/token rejected/);
    expect(String(err)).not.toContain("eb243592-faa2");
  });

  it("a 429 with Retry-After fails the poll and holds off", async () => {
    up = await fakeUpstream({
      "GET /v2/alerts": {
        status: 429,
        headers: { "retry-after": "10", "x-ratelimit-state": "THROTTLED" },
        json: { message: "Too many requests" },
      },
    });
    const client = makeClient(og());
    await expect(pollTile("opsgenie-alerts", {}, og(), { now, http: client.http })).rejects.toMatchObject({
      code: "rate-limited",
    });
    await expect(pollTile("opsgenie-alerts", {}, og(), { now, http: client.http })).rejects.toThrow(
      /rate limited until/,
    );
    expect(up.requests).toHaveLength(1);
  });

  it.each([
    ["not JSON", { body: "busy" }, /malformed JSON/],
    ["no data list", { json: { took: 0.1, requestId: "x" } }, /unexpected shape: data/],
    [
      "an alert without priority",
      { json: { data: [{ id: "a", message: "m", createdAt: "2026-11-29T09:00:00Z" }] } },
      /unexpected shape: data.0.priority/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /v2/alerts": answer });
    await expect(pollTile("opsgenie-alerts", {}, og(), { now })).rejects.toThrow(message);
  });
});
