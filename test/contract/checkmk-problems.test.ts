// checkmk-problems against a fake Checkmk REST API (test/fixtures/checkmk/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const API = "/mysite/check_mk/api/1.0";
const conn = () => ({ type: "checkmk", url: `${up.url}${API}`, user: "radiator", secret: "cmk-s3cret" });
const routes = (s: unknown, h: unknown) => ({
  [`GET ${API}/domain-types/service/collections/all`]: { json: s },
  [`GET ${API}/domain-types/host/collections/all`]: { json: h },
});

describe("checkmk-problems", () => {
  it("asks both collections with the bearer scheme, a Livestatus query and the columns", async () => {
    up = await fakeUpstream(routes(fixture("checkmk/services.json"), fixture("checkmk/hosts.json")));
    const f = await pollTile("checkmk-problems", { hostGroup: "linux" }, conn(), { now });
    const [s, h] = up.requests;
    expect(s!.headers.authorization).toBe("Bearer radiator cmk-s3cret");
    const problem = {
      op: "or",
      expr: [
        { op: "!=", left: "state", right: "0" },
        { op: "=", left: "has_been_checked", right: "0" },
      ],
    };
    expect(JSON.parse(s!.query.get("query")!)).toEqual({
      op: "and",
      expr: [problem, { op: ">=", left: "host_groups", right: "linux" }],
    });
    expect(JSON.parse(h!.query.get("query")!)).toEqual({
      op: "and",
      expr: [problem, { op: ">=", left: "groups", right: "linux" }],
    });
    expect(s!.query.getAll("columns")).toEqual([
      "host_name",
      "description",
      "state",
      "state_type",
      "plugin_output",
      "last_state_change",
      "acknowledged",
      "scheduled_downtime_depth",
      "has_been_checked",
    ]);
    expect(h!.query.getAll("columns")[0]).toBe("name");
    expect(f).toMatchObject({
      status: "fail",
      value: 3,
      summary: "3 problems (1 CRIT, 1 DOWN, 1 PENDING): web-1!Filesystem /, mail-1, db-1!Backup · 2 handled, 1 soft",
      url: `${up.url}/mysite/check_mk/view.py?view_name=svcproblems`,
    });
    expect(f.items![0]).toMatchObject({
      title: "web-1!Filesystem /",
      status: "fail",
      url: `${up.url}/mysite/check_mk/view.py?view_name=service&host=web-1&service=Filesystem+%2F`,
      detail: "CRIT · Used: 97.0% - 48.5 GiB of 50.0 GiB (warn/crit at 80.0%/90.0% used)CRIT · since 1 h ago",
    });
  });

  it("is ok with nothing wrong", async () => {
    up = await fakeUpstream(routes(fixture("checkmk/services-empty.json"), fixture("checkmk/hosts-empty.json")));
    expect(await pollTile("checkmk-problems", {}, conn(), { now })).toMatchObject({
      status: "ok",
      summary: "no problems",
      value: 0,
    });
    expect(JSON.parse(up.requests[0]!.query.get("query")!).op).toBe("or");
  });

  it("many rows in one answer (the collections are not paginated), capped on the tile", async () => {
    const body = fixture("checkmk/services.json");
    const many = {
      ...body,
      value: Array.from({ length: 300 }, (_, i) => ({
        ...body.value[0],
        extensions: { ...body.value[0].extensions, host_name: `h${i}` },
      })),
    };
    up = await fakeUpstream(routes(many, fixture("checkmk/hosts-empty.json")));
    const f = await pollTile("checkmk-problems", { limit: 4 }, conn(), { now });
    expect(f.value).toBe(300);
    expect(f.items!.length).toBe(4);
  });

  it("an unknown state value is named and makes the tile unknown", async () => {
    const body = fixture("checkmk/services.json");
    const odd = {
      ...body,
      value: [{ ...body.value[1], extensions: { ...body.value[1].extensions, state: 5, state_type: 1 } }],
    };
    up = await fakeUpstream(routes(odd, fixture("checkmk/hosts-empty.json")));
    expect(await pollTile("checkmk-problems", {}, conn(), { now })).toMatchObject({
      status: "unknown",
      error: "unknown Checkmk state service state 5 (web-1!CPU load)",
    });
  });

  it.each([
    ["401", { status: 401, json: fixture("checkmk/unauthorized.json") }, /token rejected/],
    ["429", { status: 429, body: "" }, /rate limited/],
    ["a login page", { body: "<html>login</html>" }, /malformed JSON/],
    ["no value list", { json: { links: [] } }, /unexpected shape/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({
      ...routes(null, fixture("checkmk/hosts-empty.json")),
      [`GET ${API}/domain-types/service/collections/all`]: answer,
    });
    await expect(pollTile("checkmk-problems", {}, conn(), { now })).rejects.toThrow(message);
  });
});
