// gatus against a fake Gatus replaying its endpoint statuses handler's bodies (test/fixtures/gatus/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const conn = (extra: Record<string, unknown> = {}) => ({ type: "gatus", url: up.url, ...extra });

describe("gatus", () => {
  it("asks one page of results with basic auth and names the failed conditions", async () => {
    up = await fakeUpstream({ "GET /api/v1/endpoints/statuses": { json: fixture("gatus/statuses.json") } });
    const f = await pollTile("gatus", {}, conn({ user: "ops", password: "gatus-pw" }), { now });
    const [req] = up.requests;
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from("ops:gatus-pw").toString("base64")}`);
    expect(Object.fromEntries(req!.query)).toEqual({ page: "1", pageSize: "20" });
    expect(f).toMatchObject({ status: "fail", value: 2, summary: "2 of 4 failing: dns, shop" });
    expect(f.items!.map((i) => [i.title, i.status, i.detail])).toEqual([
      [
        "infra/dns",
        "fail",
        "failed [DNS_RCODE] (SERVFAIL) == NOERROR · read udp 10.0.0.2:53: i/o timeout · 0 ms · 30 s ago",
      ],
      ["web/shop", "fail", "failed [STATUS] (503) == 200, [RESPONSE_TIME] (1203) < 500 · 1203 ms · 1 min ago"],
      ["infra/new", "unknown", "no result yet"],
      ["web/api", "ok", "healthy · 51 ms · 1 min ago"],
    ]);
    expect(f.items![1]!.url).toBe(`${up.url}/endpoints/web_shop`);
    expect(f.series).toEqual([{ t: now.getTime(), v: 50 }]);
  });

  it("one failing endpoint names its conditions on the tile; a group narrows", async () => {
    up = await fakeUpstream({ "GET /api/v1/endpoints/statuses": { json: fixture("gatus/statuses.json") } });
    expect(await pollTile("gatus", { group: "web" }, conn(), { now })).toMatchObject({
      status: "fail",
      summary: "shop failing: [STATUS] (503) == 200, [RESPONSE_TIME] (1203) < 500",
    });
  });

  it("is ok when every endpoint is healthy", async () => {
    up = await fakeUpstream({ "GET /api/v1/endpoints/statuses": { json: fixture("gatus/statuses-healthy.json") } });
    expect(await pollTile("gatus", {}, conn(), { now })).toMatchObject({
      status: "ok",
      summary: "1 of 1 healthy",
      value: 0,
    });
  });

  it("no endpoints at all is unknown, not ok", async () => {
    up = await fakeUpstream({ "GET /api/v1/endpoints/statuses": { json: [] } });
    expect(await pollTile("gatus", {}, conn(), { now })).toMatchObject({
      status: "unknown",
      error: "Gatus has no endpoints",
    });
  });

  it("many endpoints: all judged, the list capped", async () => {
    const [shop] = fixture("gatus/statuses.json");
    const many = Array.from({ length: 80 }, (_, i) => ({ ...shop, name: `e${i}`, key: `k${i}` }));
    up = await fakeUpstream({ "GET /api/v1/endpoints/statuses": { json: many } });
    const f = await pollTile("gatus", { limit: 3 }, conn(), { now });
    expect(f.value).toBe(80);
    expect(f.items!.length).toBe(3);
  });

  it.each([
    ["a storage error (500, plain text)", { status: 500, body: "database is locked" }, /HTTP 500/],
    ["401", { status: 401, body: "Unauthorized" }, /token rejected/],
    ["429", { status: 429, body: "" }, /rate limited/],
    ["HTML", { body: "<html></html>" }, /malformed JSON/],
    [
      "a result without success",
      { json: [{ name: "x", key: "x", results: [{ timestamp: "2026-12-01T08:00:00Z" }] }] },
      /unexpected shape/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /api/v1/endpoints/statuses": answer });
    await expect(pollTile("gatus", {}, conn(), { now })).rejects.toThrow(message);
  });
});
