// nagios-problems against a fake Nagios CGI replaying statusjson bodies (test/fixtures/nagios/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeRequest, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const conn = () => ({ type: "nagios", url: `${up.url}/cgi-bin/nagios4`, user: "radiator", password: "nagios-pw" });
const byQuery = (services: unknown, hosts: unknown) => (r: FakeRequest) => ({
  json: r.query.get("query") === "hostlist" ? hosts : services,
});

describe("nagios-problems", () => {
  it("asks servicelist and hostlist with details, the problem states, groups and basic auth", async () => {
    up = await fakeUpstream({
      "GET /cgi-bin/nagios4/statusjson.cgi": byQuery(
        fixture("nagios/servicelist.json"),
        fixture("nagios/hostlist.json"),
      ),
    });
    const f = await pollTile("nagios-problems", { hostgroup: "linux" }, conn(), { now });
    const [svc, host] = up.requests;
    expect(svc!.headers.authorization).toBe(`Basic ${Buffer.from("radiator:nagios-pw").toString("base64")}`);
    expect(Object.fromEntries(svc!.query)).toEqual({
      query: "servicelist",
      details: "true",
      hostgroup: "linux",
      servicestatus: "warning critical unknown pending",
    });
    expect(Object.fromEntries(host!.query)).toEqual({
      query: "hostlist",
      details: "true",
      hostgroup: "linux",
      hoststatus: "down unreachable pending",
    });
    expect(f).toMatchObject({
      status: "fail",
      value: 3,
      summary: "3 problems (1 CRITICAL, 1 DOWN, 1 PENDING): db-1!backup, mail-1, web-1!new · 2 handled, 1 soft",
      url: `${up.url}/cgi-bin/nagios4/status.cgi?host=all&servicestatustypes=29`,
    });
    expect(f.items!.map((i) => [i.title, i.status, i.detail])).toEqual([
      ["db-1!backup", "fail", "CRITICAL · BACKUP CRITICAL - last backup 49 h ago · since 1 h ago"],
      ["mail-1", "fail", "DOWN · PING CRITICAL - 100% packet loss · since 55 min ago"],
      ["web-1!new", "unknown", "PENDING"],
      ["web-1!http", "fail", "CRITICAL (soft) · HTTP CRITICAL - 503 Service Unavailable · since 30 min ago"],
      ["db-1!ntp", "unknown", "UNKNOWN · NTP UNKNOWN - no server · in downtime · since 40 min ago"],
      ["db-1!disk", "warn", "WARNING · DISK WARNING - / 85% used · acknowledged · since 50 min ago"],
    ]);
    expect(f.items![0]!.url).toBe(`${up.url}/cgi-bin/nagios4/extinfo.cgi?type=2&host=db-1&service=backup`);
  });

  it("is ok with nothing wrong", async () => {
    up = await fakeUpstream({
      "GET /cgi-bin/nagios4/statusjson.cgi": byQuery(
        fixture("nagios/servicelist-empty.json"),
        fixture("nagios/hostlist-empty.json"),
      ),
    });
    expect(await pollTile("nagios-problems", {}, conn(), { now })).toMatchObject({
      status: "ok",
      summary: "no problems",
      value: 0,
    });
  });

  it("a pending service is not ok, and an unknown status bit is named", async () => {
    const body = fixture("nagios/servicelist.json");
    const one = (status: number) => ({
      ...body,
      data: { ...body.data, servicelist: { "web-1": { x: { ...body.data.servicelist["db-1"].backup, status } } } },
    });
    up = await fakeUpstream({
      "GET /cgi-bin/nagios4/statusjson.cgi": byQuery(one(1), fixture("nagios/hostlist-empty.json")),
    });
    expect(await pollTile("nagios-problems", {}, conn(), { now })).toMatchObject({
      status: "unknown",
      summary: "web-1!x PENDING",
    });
    up.route("GET /cgi-bin/nagios4/statusjson.cgi", byQuery(one(32), fixture("nagios/hostlist-empty.json")));
    expect(await pollTile("nagios-problems", {}, conn(), { now })).toMatchObject({
      status: "unknown",
      error: "unknown Nagios state service status 32 (web-1!x)",
    });
  });

  it("lists many, capped at the limit", async () => {
    const body = fixture("nagios/servicelist.json");
    const list = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`h${i}`, { backup: body.data.servicelist["db-1"].backup }]),
    );
    up = await fakeUpstream({
      "GET /cgi-bin/nagios4/statusjson.cgi": byQuery(
        { ...body, data: { servicelist: list } },
        fixture("nagios/hostlist-empty.json"),
      ),
    });
    const f = await pollTile("nagios-problems", { limit: 3 }, conn(), { now });
    expect(f.value).toBe(150);
    expect(f.items!.length).toBe(3);
  });

  it.each([
    [
      "statusjson's own error",
      { json: fixture("nagios/option-invalid.json") },
      "Nagios statusjson: Option Value Invalid: The hostgroup option value 'no-such-group' is invalid. (type_code 6)",
    ],
    ["401", { status: 401, body: "<h1>Unauthorized</h1>" }, /token rejected: .*HTTP 401/],
    ["429", { status: 429, body: "" }, /rate limited/],
    ["HTML", { body: "<html></html>" }, /malformed JSON/],
    ["no data", { json: { result: { type_code: 0, type_text: "Success" } } }, /unexpected shape/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /cgi-bin/nagios4/statusjson.cgi": answer });
    await expect(pollTile("nagios-problems", {}, conn(), { now })).rejects.toThrow(message);
  });
});
