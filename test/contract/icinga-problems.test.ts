// icinga-problems against a fake Icinga 2 API replaying bodies shaped as its API documentation (test/fixtures/icinga2/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const conn = (extra: Record<string, unknown> = {}) => ({
  type: "icinga2",
  url: `${up.url}/v1`,
  user: "radiator",
  password: "icinga-pw",
  ...extra,
});
const routes = (services: unknown, hosts: unknown = fixture("icinga2/empty.json")) => ({
  "POST /v1/objects/services": { json: services },
  "POST /v1/objects/hosts": { json: hosts },
  "POST /v1/objects/comments": { json: fixture("icinga2/comments-ack.json") },
});

describe("icinga-problems", () => {
  it("queries services, hosts and acknowledgement comments with POST + X-HTTP-Method-Override: GET, basic auth and the filter", async () => {
    up = await fakeUpstream(routes(fixture("icinga2/services-problems.json"), fixture("icinga2/hosts-problems.json")));
    const f = await pollTile(
      "icinga-problems",
      { filter: 'host.vars.team == "web"' },
      conn({ webUrl: "https://mon.example.com/icingaweb2" }),
      { now },
    );
    expect(up.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/objects/services",
      "POST /v1/objects/hosts",
      "POST /v1/objects/comments",
    ]);
    for (const r of up.requests) {
      expect(r.headers.authorization).toBe(`Basic ${Buffer.from("radiator:icinga-pw").toString("base64")}`);
      expect(r.headers["x-http-method-override"]).toBe("GET");
      expect(r.headers.accept).toBe("application/json");
    }
    const [svc, host, comments] = up.requests.map((r) => JSON.parse(r.body));
    expect(svc.filter).toBe('(service.state != 0) && (host.vars.team == "web")');
    expect(host.filter).toBe('(host.state != 0) && (host.vars.team == "web")');
    expect(host.attrs).not.toContain("host_name");
    expect(svc.attrs).toContain("last_check_result");
    expect(comments.filter).toBe("comment.entry_type == 4");
    expect(f).toMatchObject({
      status: "fail",
      value: 3,
      summary: "3 problems (1 CRITICAL, 1 DOWN, 1 PENDING): web-1!disk, mail-1, db-1!never · 2 handled, 1 soft",
      url: "https://mon.example.com/icingaweb2/icingadb/services?service.state.is_problem=y&service.state.is_handled=n",
    });
  });

  it("is ok when nothing is wrong, without asking for comments", async () => {
    up = await fakeUpstream(routes(fixture("icinga2/empty.json")));
    expect(await pollTile("icinga-problems", {}, conn(), { now })).toMatchObject({
      status: "ok",
      summary: "no problems",
      value: 0,
      items: [],
    });
    expect(up.requests.map((r) => JSON.parse(r.body).filter)).toEqual(["service.state != 0", "host.state != 0"]);
  });

  it("lists many problems, capped at `limit`, while counting them all", async () => {
    const one = fixture("icinga2/services-problems.json").results[0];
    const many = {
      results: Array.from({ length: 120 }, (_, i) => ({
        ...one,
        name: `web-${i}!disk`,
        attrs: { ...one.attrs, host_name: `web-${i}` },
      })),
    };
    up = await fakeUpstream(routes(many));
    const f = await pollTile("icinga-problems", { limit: 5 }, conn(), { now });
    expect(f.value).toBe(120);
    expect(f.items!.length).toBe(5);
  });

  it("an unknown state value makes the tile unknown and names it", async () => {
    const one = fixture("icinga2/services-problems.json").results[1];
    up = await fakeUpstream(routes({ results: [{ ...one, attrs: { ...one.attrs, state: 7 } }] }));
    const f = await pollTile("icinga-problems", {}, conn(), { now });
    expect(f).toMatchObject({ status: "unknown", error: "unknown Icinga state service state 7 (web-1!load)" });
  });

  it.each([
    [
      "401",
      { status: 401, json: { error: 401, status: "Unauthorized. Please check your user credentials." } },
      /token rejected: .* HTTP 401/,
    ],
    [
      "429",
      { status: 429, headers: { "retry-after": "30" }, json: { error: 429, status: "Too many requests" } },
      /rate limited until/,
    ],
    [
      "404 from a bad filter",
      { status: 404, json: { error: 404, status: "No objects found." } },
      "Icinga rejected the services query (HTTP 404): No objects found. — check the filter's attribute names",
    ],
    [
      "400",
      { status: 400, json: { error: 400, status: "Invalid field specified: host_name" } },
      "Icinga rejected the services query (HTTP 400): Invalid field specified: host_name",
    ],
    ["not JSON", { body: "<html>proxy error</html>" }, /malformed JSON/],
    ["no results array", { json: { result: [] } }, /unexpected shape/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({
      "POST /v1/objects/services": answer,
      "POST /v1/objects/hosts": { json: { results: [] } },
    });
    await expect(pollTile("icinga-problems", {}, conn(), { now })).rejects.toThrow(message);
  });
});
