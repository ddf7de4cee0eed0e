// uptime-kuma against a fake Uptime Kuma replaying its status page handlers' bodies (test/fixtures/uptime-kuma/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const conn = (extra: Record<string, unknown> = {}) => ({ type: "uptime-kuma", url: up.url, ...extra });
const routes = (beats: unknown = fixture("uptime-kuma/heartbeat.json")) => ({
  "GET /api/status-page/ops": { json: fixture("uptime-kuma/status-page.json") },
  "GET /api/status-page/heartbeat/ops": { json: beats },
});

describe("uptime-kuma", () => {
  it("reads the page and its heartbeats; down fails, pending warns, maintenance is shown as such", async () => {
    up = await fakeUpstream(routes());
    const f = await pollTile("uptime-kuma", { slug: "Ops" }, conn({ token: "proxy-tok" }), { now });
    expect(up.requests.map((r) => r.path)).toEqual(["/api/status-page/ops", "/api/status-page/heartbeat/ops"]);
    expect(up.requests[0]!.headers.authorization).toBe("Bearer proxy-tok");
    expect(f).toMatchObject({
      status: "fail",
      summary: "1 down: API · 1 pending · 1 in maintenance",
      value: 95,
      unit: "%",
      url: `${up.url}/status/ops`,
    });
    expect(f.items!.map((i) => [i.title, i.status, i.detail])).toEqual([
      ["API", "fail", "down · Request failed with status code 503 · 98.6 % 24 h · 59 s ago"],
      ["Mail", "warn", "pending · connect ECONNREFUSED 10.0.0.5:25 · 99.9 % 24 h · 50 s ago"],
      ["Shop", "ok", "up · 200 - OK · 100 % 24 h · 59 s ago"],
      ["DNS", undefined, "maintenance · 95 % 24 h · 40 s ago"],
    ]);
    expect(f.items![0]!.at).toBe("2026-12-01T08:59:00.305Z");
  });

  it("is ok when every monitor is up, with the lowest uptime as the value and sparkline", async () => {
    up = await fakeUpstream(routes(fixture("uptime-kuma/heartbeat-all-up.json")));
    const f = await pollTile("uptime-kuma", { slug: "ops" }, conn(), {
      now,
      previous: { series: [{ t: 1, v: 99 }] } as never,
    });
    expect(f).toMatchObject({ status: "ok", summary: "4 of 4 up", value: 100 });
    expect(f.series).toEqual([
      { t: 1, v: 99 },
      { t: now.getTime(), v: 100 },
    ]);
  });

  it("2.x answers (uptime keyed by id, 0 for empty bar buckets) read the same", async () => {
    const b = fixture("uptime-kuma/heartbeat-all-up.json");
    const v2 = {
      heartbeatList: Object.fromEntries(Object.entries(b.heartbeatList).map(([k, v]) => [k, [0, ...(v as unknown[])]])),
      uptimeList: { 1: 1, 2: 0.99, 3: 1, 4: 1 },
    };
    up = await fakeUpstream(routes(v2));
    expect(await pollTile("uptime-kuma", { slug: "ops" }, conn(), { now })).toMatchObject({ status: "ok", value: 99 });
  });

  it("a monitor without heartbeats, or an unknown status value, is unknown and named", async () => {
    const b = fixture("uptime-kuma/heartbeat-all-up.json");
    up = await fakeUpstream(routes({ ...b, heartbeatList: { ...b.heartbeatList, 3: [] } }));
    const f = await pollTile("uptime-kuma", { slug: "ops" }, conn(), { now });
    expect(f.status).toBe("unknown");
    expect(f.items![0]).toMatchObject({ title: "Mail", status: "unknown", detail: "no heartbeat yet · 100 % 24 h" });
    up.route("GET /api/status-page/heartbeat/ops", {
      json: { ...b, heartbeatList: { ...b.heartbeatList, 3: [{ status: 9, time: "2026-12-01 08:59:00", msg: "" }] } },
    });
    expect(await pollTile("uptime-kuma", { slug: "ops" }, conn(), { now })).toMatchObject({
      status: "unknown",
      error: "unknown Uptime Kuma heartbeat status 9 (Mail)",
    });
  });

  it("many monitors: all are judged, the list is capped", async () => {
    const pageBody = {
      ...fixture("uptime-kuma/status-page.json"),
      publicGroupList: [
        { id: 1, name: "All", monitorList: Array.from({ length: 60 }, (_, i) => ({ id: i + 1, name: `m${i}` })) },
      ],
    };
    const hb = {
      heartbeatList: Object.fromEntries(
        Array.from({ length: 60 }, (_, i) => [
          String(i + 1),
          [{ status: i === 42 ? 0 : 1, time: "2026-12-01 08:59:00", msg: "" }],
        ]),
      ),
      uptimeList: {},
    };
    up = await fakeUpstream({
      "GET /api/status-page/ops": { json: pageBody },
      "GET /api/status-page/heartbeat/ops": { json: hb },
    });
    const f = await pollTile("uptime-kuma", { slug: "ops", limit: 5 }, conn(), { now });
    expect(f).toMatchObject({ status: "fail", summary: "1 down: m42" });
    expect(f.items!.length).toBe(5);
  });

  it.each([
    ["an unknown slug (404)", { status: 404, json: { ok: false, msg: "Status Page Not Found" } }, /HTTP 404/],
    ["401 from a proxy", { status: 401, body: "" }, /token rejected/],
    ["429", { status: 429, body: "" }, /rate limited/],
    ["the SPA's HTML", { body: "<!DOCTYPE html><html></html>" }, /malformed JSON/],
    ["no group list", { json: { config: {} } }, /unexpected shape/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ ...routes(), "GET /api/status-page/ops": answer });
    await expect(pollTile("uptime-kuma", { slug: "ops" }, conn(), { now })).rejects.toThrow(message);
  });
});
