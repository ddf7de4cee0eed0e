// zabbix-problems against a fake Zabbix JSON-RPC API (test/fixtures/zabbix/SOURCE.md).
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeRequest, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-12-01T09:00:00Z");
let up: FakeUpstream;
afterEach(() => up?.close());
const conn = () => ({ type: "zabbix", url: `${up.url}/zabbix`, token: "zbx-api-token" });
const byMethod = (answers: Record<string, unknown>) => (r: FakeRequest) => ({
  json: answers[JSON.parse(r.body).method] ?? fixture("zabbix/error-not-authorized.json"),
});
const calls = () => up.requests.map((r) => JSON.parse(r.body));

describe("zabbix-problems", () => {
  it("sends JSON-RPC with the Bearer token, resolves groups, asks problem.get with the severities, then the hosts", async () => {
    up = await fakeUpstream({
      "POST /zabbix/api_jsonrpc.php": byMethod({
        "hostgroup.get": fixture("zabbix/hostgroups.json"),
        "problem.get": fixture("zabbix/problems.json"),
        "trigger.get": fixture("zabbix/triggers.json"),
      }),
    });
    const f = await pollTile("zabbix-problems", { groups: ["Linux servers"] }, conn(), { now });
    for (const r of up.requests) {
      expect(r.headers.authorization).toBe("Bearer zbx-api-token");
      expect(r.headers["content-type"]).toBe("application/json");
    }
    const [g, p, t] = calls();
    expect(g).toEqual({
      jsonrpc: "2.0",
      method: "hostgroup.get",
      id: 1,
      params: { output: ["groupid", "name"], filter: { name: ["Linux servers"] } },
    });
    expect(p.params).toEqual({
      output: "extend",
      selectAcknowledges: "extend",
      recent: false,
      severities: [2, 3, 4, 5],
      groupids: ["2"],
      sortfield: ["eventid"],
      sortorder: "DESC",
      limit: 1000,
    });
    expect(p.auth).toBeUndefined();
    expect(t.params).toEqual({
      output: ["triggerid"],
      triggerids: ["23001", "23002", "23003", "23004"],
      selectHosts: ["name"],
    });
    expect(f).toMatchObject({
      status: "fail",
      value: 2,
      summary:
        "2 problems (1 high, 1 average): web-1: Zabbix agent is not available (for 3m), db-1: /: Disk space is critically low (used > 90%) · 2 handled",
    });
    expect(f.items!.map((i) => [i.title, i.status, i.detail])).toEqual([
      ["web-1: Zabbix agent is not available (for 3m)", "fail", "high · since 40 min ago"],
      [
        "db-1: /: Disk space is critically low (used > 90%)",
        "warn",
        "average · Space used: 93.1 GB of 100 GB (93.1 %) · since 50 min ago",
      ],
      ["db-1: MySQL: Service is down", "fail", "disaster · acknowledged by alice · since 1 h ago"],
      ["web-1: High CPU utilization (over 90% for 5m)", "warn", "warning · suppressed · since 1 h 10 min ago"],
    ]);
    expect(f.items![0]!.url).toBe(`${up.url}/zabbix/tr_events.php?triggerid=23001&eventid=9004`);
  });

  it("is ok with no problems and asks nothing more", async () => {
    up = await fakeUpstream({
      "POST /zabbix/api_jsonrpc.php": byMethod({ "problem.get": fixture("zabbix/empty.json") }),
    });
    expect(await pollTile("zabbix-problems", { warnFrom: 3, failFrom: 5 }, conn(), { now })).toMatchObject({
      status: "ok",
      summary: "no problems",
      value: 0,
    });
    expect(calls().map((c) => c.method)).toEqual(["problem.get"]);
    expect(calls()[0].params.severities).toEqual([3, 4, 5]);
  });

  it("many problems: at most 1000 are read, and the tile says so", async () => {
    const one = fixture("zabbix/problems.json").result[0];
    const many = {
      jsonrpc: "2.0",
      id: 1,
      result: Array.from({ length: 1000 }, (_, i) => ({ ...one, eventid: String(i) })),
    };
    up = await fakeUpstream({
      "POST /zabbix/api_jsonrpc.php": byMethod({ "problem.get": many, "trigger.get": fixture("zabbix/triggers.json") }),
    });
    const f = await pollTile("zabbix-problems", { limit: 5 }, conn(), { now });
    expect(f.value).toBe(1000);
    expect(f.items!.length).toBe(5);
    expect(f.summary.endsWith("(first 1000 only)")).toBe(true);
  });

  it("an unknown severity makes the tile unknown, named", async () => {
    const one = fixture("zabbix/problems.json").result[1];
    up = await fakeUpstream({
      "POST /zabbix/api_jsonrpc.php": byMethod({
        "problem.get": { jsonrpc: "2.0", id: 1, result: [{ ...one, severity: "7" }] },
        "trigger.get": fixture("zabbix/triggers.json"),
      }),
    });
    expect(await pollTile("zabbix-problems", {}, conn(), { now })).toMatchObject({
      status: "unknown",
      error: 'unknown Zabbix state severity "7" (/: Disk space is critically low (used > 90%))',
    });
  });

  it("a host group that does not exist is an error, not an empty list", async () => {
    up = await fakeUpstream({
      "POST /zabbix/api_jsonrpc.php": byMethod({ "hostgroup.get": fixture("zabbix/empty.json") }),
    });
    await expect(pollTile("zabbix-problems", { groups: ["Nope"] }, conn(), { now })).rejects.toThrow(
      'Zabbix has no host group "Nope" (or the token may not read it)',
    );
  });

  it.each([
    [
      "a JSON-RPC error",
      { json: fixture("zabbix/error-not-authorized.json") },
      "Zabbix problem.get: Invalid params. Not authorized. (code -32602)",
    ],
    ["401", { status: 401, body: "" }, /token rejected/],
    ["429", { status: 429, headers: { "retry-after": "60" }, body: "" }, /rate limited/],
    ["HTML", { body: "<html>maintenance</html>" }, /malformed JSON/],
    [
      "neither result nor error",
      { json: { jsonrpc: "2.0", id: 1 } },
      "Zabbix problem.get: the answer has neither result nor error",
    ],
    ["a result that is not a list", { json: { jsonrpc: "2.0", id: 1, result: { x: 1 } } }, /unexpected shape/],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "POST /zabbix/api_jsonrpc.php": answer });
    await expect(pollTile("zabbix-problems", {}, conn(), { now })).rejects.toThrow(message);
  });
});
