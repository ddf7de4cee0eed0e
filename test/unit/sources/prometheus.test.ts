import { describe, expect, it } from "vitest";
import { params, sparkline, toTileFields } from "../../../collector/sources/prometheus.ts";
import { labelText, promData, sampleValue } from "../../../collector/sources/prometheus-api.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const data = (name: string) => promData(fixture(`prometheus/${name}`), "Prometheus").data as { resultType: string; result: unknown };
const scalar = (v: string) => ({ resultType: "scalar", result: [1795926180.302, v] });
const P = (p: Record<string, unknown>) => params.parse({ query: "q", ...p });

describe("prometheus toTileFields()", () => {
  it.each([
    // value, direction, expected status with warn 70 / fail 90 (above) or warn 20 / fail 10 (below)
    ["12", "above", "ok"], ["70", "above", "warn"], ["89.99", "above", "warn"], ["90", "above", "fail"],
    ["50", "below", "ok"], ["20", "below", "warn"], ["10", "below", "fail"], ["0", "below", "fail"],
    ["NaN", "above", "unknown"], ["+Inf", "above", "unknown"], ["-Inf", "below", "unknown"],
  ] as const)("a scalar %s with direction %s is %s", (v, direction, status) => {
    const t = direction === "above" ? { warn: 70, fail: 90 } : { warn: 20, fail: 10 };
    expect(toTileFields(scalar(v), P({ direction, ...t })).status).toBe(status);
  });

  it("toTileFields() gives a one-element vector's value with its unit, rounded to 3 significant digits", () => {
    const f = toTileFields(data("query-vector-one.json"), P({ unit: "%", warn: 40, fail: 90 }));
    expect(f).toMatchObject({ status: "warn", value: 42.1, unit: "%", summary: "42.1 %" });
    expect(f.items).toBeUndefined();
  });

  it("toTileFields() rounds to the tile's decimals when given", () => {
    expect(toTileFields(data("query-vector-one.json"), P({ decimals: 0 })).value).toBe(42);
    expect(toTileFields(data("query-vector-one.json"), P({ decimals: 3 })).value).toBe(42.136);
  });

  it("toTileFields() reads a scalar result", () => {
    expect(toTileFields(data("query-scalar.json"), P({}))).toMatchObject({ status: "ok", value: 4, summary: "4" });
  });

  it("toTileFields() lists each series of a vector, worst first, titled by the labels that differ", () => {
    const f = toTileFields(data("query-vector-many.json"), P({ unit: "% free", warn: 15, fail: 5, direction: "below" }));
    expect(f.status).toBe("fail");
    expect(f.value).toBe(4.2);
    expect(f.items).toEqual([
      { title: '{instance="web-2:9100"}', status: "fail", detail: "4.2 % free" },
      { title: '{instance="web-1:9100"}', status: "warn", detail: "12.5 % free" },
      { title: '{instance="db-1:9100"}', status: "ok", detail: "31 % free" },
    ]);
    expect(f.summary).toBe('3 series: 1 fail, 1 warn, 1 ok · worst 4.2 % free {instance="web-2:9100"}');
  });

  it("toTileFields() keeps only `limit` series", () => {
    expect(toTileFields(data("query-vector-many.json"), P({ limit: 1 })).items).toHaveLength(1);
  });

  it("toTileFields() is unknown, never ok, when the query returns no data", () => {
    const f = toTileFields(data("query-empty.json"), P({ warn: 1 }));
    expect(f).toMatchObject({ status: "unknown", summary: "query returned no data", error: "query returned no data" });
  });

  it.each([
    ["query-matrix.json", /range vector/],
    ["query-string.json", /"string" result/],
  ])("toTileFields() is unknown for %s, naming the result type", (name, error) => {
    const f = toTileFields(data(name), P({}));
    expect(f.status).toBe("unknown");
    expect(f.error).toMatch(error);
  });

  it("toTileFields() shows Prometheus warnings and sparkline problems as a partial error", () => {
    const f = toTileFields(data("query-warnings.json"), P({}), { notes: ["Prometheus warning: x", "sparkline: y"] });
    expect(f).toMatchObject({ status: "ok", value: 0.5, error: "Prometheus warning: x; sparkline: y" });
  });

  it("toTileFields() fails the poll on a vector in an unexpected shape", () => {
    expect(() => toTileFields({ resultType: "vector", result: [{ metric: {} }] }, P({}))).toThrow(/unexpected shape: 0.value/);
  });
});

describe("prometheus sparkline()", () => {
  it("takes the worst series per step, skipping NaN, in epoch milliseconds", () => {
    const range = data("query-range.json").result;
    expect(sparkline(range, P({}))).toEqual([{ t: 1795922580000, v: 30 }, { t: 1795922640000, v: 20 }, { t: 1795922700000, v: 7 }]);
    expect(sparkline(range, P({ direction: "below" }))).toEqual([{ t: 1795922580000, v: 10 }, { t: 1795922640000, v: 5 }, { t: 1795922700000, v: 7 }]);
  });
});

describe("prometheus API envelope", () => {
  it.each([
    ["query-error-bad-data.json", 'Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis'],
    ["query-error-execution.json", "Prometheus: execution: query processing would load too many samples into memory in query execution"],
    ["query-error-timeout.json", "Prometheus: timeout: query timed out in expression evaluation"],
  ])("promData() throws %s with Prometheus's own words", (name, message) => {
    expect(() => promData(fixture(`prometheus/${name}`), "Prometheus")).toThrow(message);
  });

  it("promData() rejects an unknown status and a body that is no envelope", () => {
    expect(() => promData({ status: "maybe", data: {} }, "Prometheus")).toThrow(/unknown status "maybe"/);
    expect(() => promData([1, 2], "Prometheus")).toThrow(/unexpected shape/);
  });

  it.each([["1", 1], ["NaN", NaN], ["+Inf", Infinity], ["-Inf", -Infinity], ["1e-3", 0.001]])("sampleValue(%s) is %s", (text, v) => {
    expect(sampleValue(text)).toBe(v);
  });

  it("labelText() writes labels as PromQL does, metric name in front", () => {
    expect(labelText({ job: "node", __name__: "up", instance: "a:9100" })).toBe('up{instance="a:9100", job="node"}');
    expect(labelText({})).toBe("{}");
  });
});
