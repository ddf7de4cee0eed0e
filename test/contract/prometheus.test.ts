// prometheus against a fake Prometheus HTTP API replaying documented bodies.
import { afterEach, describe, expect, it } from "vitest";
import { fakeUpstream, fixture, type FakeUpstream } from "../helpers/fake-upstream.ts";
import { pollTile } from "../helpers/poll.ts";

const now = new Date("2026-11-29T10:00:00Z");
const QUERY = '100 * avg(rate(node_cpu_seconds_total{mode!="idle"}[5m]))';
let up: FakeUpstream;
afterEach(() => up?.close());
const prom = (extra: Record<string, unknown> = {}) => ({ type: "prometheus", url: up.url, ...extra });
const range = { json: fixture("prometheus/query-range.json") };

describe("prometheus", () => {
  it("asks the instant query and a range query for the sparkline, with the bearer token", async () => {
    up = await fakeUpstream({
      "GET /api/v1/query": { json: fixture("prometheus/query-vector-one.json") },
      "GET /api/v1/query_range": range,
    });
    const f = await pollTile(
      "prometheus",
      { query: QUERY, unit: "%", warn: 70, fail: 90 },
      prom({ token: "s3cr3t-token" }),
      { now },
    );
    const [q] = up.hits("GET /api/v1/query");
    expect(q!.headers.authorization).toBe("Bearer s3cr3t-token");
    expect(Object.fromEntries(q!.query)).toEqual({ query: QUERY });
    const [r] = up.hits("GET /api/v1/query_range");
    // 1h in 60 steps of 60 s, ending on a step boundary
    expect(Object.fromEntries(r!.query)).toEqual({
      query: QUERY,
      start: String(now.getTime() / 1000 - 3600),
      end: String(now.getTime() / 1000),
      step: "60",
    });
    expect(f).toMatchObject({
      status: "ok",
      value: 42.1,
      unit: "%",
      summary: "42.1 %",
      series: [
        { t: 1795922580000, v: 30 },
        { t: 1795922640000, v: 20 },
        { t: 1795922700000, v: 7 },
        { t: now.getTime(), v: 42.1 },
      ],
    });
    const link = new URL(f.url!);
    expect(`${link.origin}${link.pathname}`).toBe(`${up.url}/graph`);
    expect(Object.fromEntries(link.searchParams)).toEqual({ "g0.expr": QUERY, "g0.tab": "0", "g0.range_input": "1h" });
  });

  it("sends basic auth and keeps a path prefix of the connection URL", async () => {
    up = await fakeUpstream({
      "GET /prom/api/v1/query": { json: fixture("prometheus/query-scalar.json") },
      "GET /prom/api/v1/query_range": range,
    });
    const f = await pollTile(
      "prometheus",
      { query: "scalar(sum(up))", window: "10m" },
      { type: "prometheus", url: `${up.url}/prom/`, user: "grafana", password: "pa55word" },
      { now },
    );
    expect(up.hits("GET /prom/api/v1/query")[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from("grafana:pa55word").toString("base64")}`,
    );
    expect(up.hits("GET /prom/api/v1/query_range")[0]!.query.get("step")).toBe("10");
    expect(f.value).toBe(4);
  });

  it.each([
    [
      400,
      "query-error-bad-data.json",
      'Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
    ],
    [
      422,
      "query-error-execution.json",
      "Prometheus: execution: query processing would load too many samples into memory in query execution",
    ],
  ])("an HTTP %d PromQL error fails the poll with Prometheus's own text", async (status, name, message) => {
    up = await fakeUpstream({
      "GET /api/v1/query": { status, json: fixture(`prometheus/${name}`) },
      "GET /api/v1/query_range": { status, json: fixture(`prometheus/${name}`) },
    });
    await expect(pollTile("prometheus", { query: "sum(" }, prom(), { now })).rejects.toThrow(message);
  });

  it("a 503 timeout answer fails the poll with its error text", async () => {
    up = await fakeUpstream({ "*": { status: 503, json: fixture("prometheus/query-error-timeout.json") } });
    await expect(pollTile("prometheus", { query: "up" }, prom(), { now })).rejects.toThrow(
      /HTTP 503 Service Unavailable: query timed out in expression evaluation/,
    );
  });

  it("a 503 from a proxy in front fails the poll", async () => {
    up = await fakeUpstream({
      "*": { status: 503, body: "<html>upstream unavailable</html>", headers: { "content-type": "text/html" } },
    });
    await expect(pollTile("prometheus", { query: "up" }, prom(), { now })).rejects.toThrow(/answered HTTP 503/);
  });

  it("a Prometheus that does not answer fails the poll with a timeout", async () => {
    up = await fakeUpstream({ "*": { hang: true } });
    await expect(pollTile("prometheus", { query: "up" }, prom(), { now, timeoutMs: 300 })).rejects.toMatchObject({
      code: "timeout",
    });
  });

  it.each([
    ["not JSON", { body: "<html>login</html>" }, /malformed JSON/],
    ["no status", { json: { data: {} } }, /unexpected shape: status/],
    ["no data", { json: { status: "success" } }, /data: missing/],
    [
      "a vector of strings",
      { json: { status: "success", data: { resultType: "vector", result: ["1"] } } },
      /unexpected shape: 0/,
    ],
  ])("an answer with %s fails the poll", async (_, answer, message) => {
    up = await fakeUpstream({ "GET /api/v1/query": answer, "GET /api/v1/query_range": range });
    await expect(pollTile("prometheus", { query: "up" }, prom(), { now })).rejects.toThrow(message);
  });

  it("an empty result is unknown with 'query returned no data', never ok", async () => {
    up = await fakeUpstream({
      "GET /api/v1/query": { json: fixture("prometheus/query-empty.json") },
      "GET /api/v1/query_range": { json: { status: "success", data: { resultType: "matrix", result: [] } } },
    });
    expect(await pollTile("prometheus", { query: 'up{job="nope"}' }, prom(), { now })).toMatchObject({
      status: "unknown",
      error: "query returned no data",
    });
  });

  it("a failing sparkline query leaves the value standing and says why", async () => {
    up = await fakeUpstream({
      "GET /api/v1/query": { json: fixture("prometheus/query-warnings.json") },
      "GET /api/v1/query_range": { status: 503, json: fixture("prometheus/query-error-timeout.json") },
    });
    const f = await pollTile("prometheus", { query: "node_load1" }, prom(), { now });
    expect(f.status).toBe("ok");
    // the previous points (none here) and the value read now
    expect(f.series).toEqual([{ t: now.getTime(), v: 0.5 }]);
    expect(f.error).toMatch(/^Prometheus warning: PromQL info: .*; sparkline: .*HTTP 503/);
  });

  it("lists several series, the worst deciding", async () => {
    up = await fakeUpstream({
      "GET /api/v1/query": { json: fixture("prometheus/query-vector-many.json") },
      "GET /api/v1/query_range": range,
    });
    const f = await pollTile(
      "prometheus",
      { query: "disk_free_percent", warn: 15, fail: 5, direction: "below" },
      prom(),
      { now },
    );
    expect(f.status).toBe("fail");
    expect(f.items!.map((i) => i.title)).toEqual([
      '{instance="web-2:9100"}',
      '{instance="web-1:9100"}',
      '{instance="db-1:9100"}',
    ]);
  });
});
