import { describe, expect, it } from "vitest";
import type { TileFields } from "../../../collector/contract.ts";
import source, {
  params,
  sparkline,
  type InstantData,
  type PrometheusAnswer,
} from "../../../collector/sources/prometheus.ts";
import { labelText, promData, sampleValue } from "../../../collector/sources/lib/prometheus-api.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const data = (name: string) => promData(fixture(`prometheus/${name}`), "Prometheus").data as InstantData;
const scalar = (v: string) => ({ resultType: "scalar", result: [1795926180.302, v] });
const P = (p: Record<string, unknown>) => params.parse({ query: "q", ...p });
const NOW = new Date("2026-11-29T10:00:00Z");
/** What `load` gives for this instant-query data: no warnings and an empty sparkline unless said. */
const answer = (data: InstantData, more: Partial<PrometheusAnswer> = {}): PrometheusAnswer => ({
  data,
  warnings: [],
  spark: { series: [] },
  ...more,
});

describe("prometheus normalise()", () => {
  it.each([
    // value, direction, expected status with warn 70 / fail 90 (above) or warn 20 / fail 10 (below)
    ["12", "above", "ok"],
    ["70", "above", "warn"],
    ["89.99", "above", "warn"],
    ["90", "above", "fail"],
    ["50", "below", "ok"],
    ["20", "below", "warn"],
    ["10", "below", "fail"],
    ["0", "below", "fail"],
    ["NaN", "above", "unknown"],
    ["+Inf", "above", "unknown"],
    ["-Inf", "below", "unknown"],
  ] as const)("a scalar %s with direction %s is %s", (v, direction, status) => {
    const t = direction === "above" ? { warn: 70, fail: 90 } : { warn: 20, fail: 10 };
    expect(normaliseWith(source, answer(scalar(v)), P({ direction, ...t }), { now: NOW }).status).toBe(status);
  });

  it("normalise() gives a one-element vector's value with its unit, rounded to 3 significant digits", () => {
    const f = normaliseWith(source, answer(data("query-vector-one.json")), P({ unit: "%", warn: 40, fail: 90 }), {
      now: NOW,
    });
    expect(f).toMatchObject({ status: "warn", value: 42.1, unit: "%", summary: "42.1 %" });
    expect(f.items).toBeUndefined();
  });

  it("carries the limits it judged by for the detail's chart, and none when the tile sets none", () => {
    const judged = (p: Record<string, unknown>) =>
      normaliseWith(source, answer(data("query-vector-one.json")), P(p), { now: NOW }).thresholds;
    expect(judged({ warn: 40, fail: 90 })).toEqual({ warn: 40, fail: 90, direction: "above" });
    expect(judged({ fail: 5, direction: "below" })).toEqual({ fail: 5, direction: "below" });
    expect(judged({})).toBeUndefined();
  });

  it("normalise() rounds to the tile's decimals when given", () => {
    expect(normaliseWith(source, answer(data("query-vector-one.json")), P({ decimals: 0 }), { now: NOW }).value).toBe(
      42,
    );
    expect(normaliseWith(source, answer(data("query-vector-one.json")), P({ decimals: 3 }), { now: NOW }).value).toBe(
      42.136,
    );
  });

  it("normalise() reads a scalar result", () => {
    expect(normaliseWith(source, answer(data("query-scalar.json")), P({}), { now: NOW })).toMatchObject({
      status: "ok",
      value: 4,
      summary: "4",
    });
  });

  it("normalise() lists each series of a vector, worst first, titled by the labels that differ", () => {
    const f = normaliseWith(
      source,
      answer(data("query-vector-many.json")),
      P({ unit: "% free", warn: 15, fail: 5, direction: "below" }),
      { now: NOW },
    );
    expect(f.status).toBe("fail");
    expect(f.value).toBe(4.2);
    expect(f.items).toEqual([
      { title: '{instance="web-2:9100"}', status: "fail", detail: "4.2 % free" },
      { title: '{instance="web-1:9100"}', status: "warn", detail: "12.5 % free" },
      { title: '{instance="db-1:9100"}', status: "ok", detail: "31 % free" },
    ]);
    expect(f.summary).toBe('3 series: 1 fail, 1 warn, 1 ok · worst 4.2 % free {instance="web-2:9100"}');
  });

  it("normalise() keeps only `limit` series", () => {
    expect(
      normaliseWith(source, answer(data("query-vector-many.json")), P({ limit: 1 }), { now: NOW }).items,
    ).toHaveLength(1);
  });

  it("normalise() is unknown, never ok, when the query returns no data", () => {
    const f = normaliseWith(source, answer(data("query-empty.json")), P({ warn: 1 }), { now: NOW });
    expect(f).toMatchObject({ status: "unknown", summary: "query returned no data", error: "query returned no data" });
  });

  it.each([
    ["query-matrix.json", /range vector/],
    ["query-string.json", /"string" result/],
  ])("normalise() is unknown for %s, naming the result type", (name, error) => {
    const f = normaliseWith(source, answer(data(name)), P({}), { now: NOW });
    expect(f.status).toBe("unknown");
    expect(f.error).toMatch(error);
  });

  it("normalise() shows Prometheus warnings and sparkline problems as a partial error", () => {
    const f = normaliseWith(
      source,
      answer(data("query-warnings.json"), { warnings: ["x"], spark: { error: "y" } }),
      P({}),
      { now: NOW },
    );
    expect(f).toMatchObject({ status: "ok", value: 0.5, error: "Prometheus warning: x; sparkline: y" });
  });

  it("normalise() fails the poll on a vector in an unexpected shape", () => {
    expect(() =>
      normaliseWith(source, answer({ resultType: "vector", result: [{ metric: {} }] }), P({}), { now: NOW }),
    ).toThrow(/unexpected shape: 0.value/);
  });
});

describe("prometheus sparkline()", () => {
  it("takes the worst series per step, skipping NaN, in epoch milliseconds", () => {
    const range = data("query-range.json").result;
    expect(sparkline(range, P({}))).toEqual([
      { t: 1795922580000, v: 30 },
      { t: 1795922640000, v: 20 },
      { t: 1795922700000, v: 7 },
    ]);
    expect(sparkline(range, P({ direction: "below" }))).toEqual([
      { t: 1795922580000, v: 10 },
      { t: 1795922640000, v: 5 },
      { t: 1795922700000, v: 7 },
    ]);
  });
});

describe("prometheus API envelope", () => {
  it.each([
    [
      "query-error-bad-data.json",
      'Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
    ],
    [
      "query-error-execution.json",
      "Prometheus: execution: query processing would load too many samples into memory in query execution",
    ],
    ["query-error-timeout.json", "Prometheus: timeout: query timed out in expression evaluation"],
  ])("promData() throws %s with Prometheus's own words", (name, message) => {
    expect(() => promData(fixture(`prometheus/${name}`), "Prometheus")).toThrow(message);
  });

  it("promData() rejects an unknown status and a body that is no envelope", () => {
    expect(() => promData({ status: "maybe", data: {} }, "Prometheus")).toThrow(/unknown status "maybe"/);
    expect(() => promData([1, 2], "Prometheus")).toThrow(/unexpected shape/);
  });

  it.each([
    ["1", 1],
    ["NaN", NaN],
    ["+Inf", Infinity],
    ["-Inf", -Infinity],
    ["1e-3", 0.001],
  ])("sampleValue(%s) is %s", (text, v) => {
    expect(sampleValue(text)).toBe(v);
  });

  it("labelText() writes labels as PromQL does, metric name in front", () => {
    expect(labelText({ job: "node", __name__: "up", instance: "a:9100" })).toBe('up{instance="a:9100", job="node"}');
    expect(labelText({})).toBe("{}");
  });
});

describe("prometheus sample values that are not finite numbers", () => {
  const toTileFields = (data: object, p: ReturnType<typeof params.parse>): TileFields =>
    normaliseWith(source, { data: data as InstantData, warnings: [], spark: { series: [] } }, p, { now: NOW });

  const P = (p: Record<string, unknown> = {}) => params.parse({ query: "q", unit: "ms", warn: 500, fail: 1000, ...p });
  const scalar = (v: string) => ({ resultType: "scalar", result: [1795926180.302, v] });
  const vector = (...vs: string[]) => ({
    resultType: "vector",
    result: vs.map((v, i) => ({ metric: { instance: `web-${i + 1}` }, value: [1795926180.302, v] })),
  });
  it.each([
    ["", 'the query returned an empty value ("") instead of a number'],
    [" ", 'the query returned an empty value (" ") instead of a number'],
    ["abc", 'the query returned "abc", which is not a number'],
    ["0x10", 'the query returned "0x10", which is not a number'],
    ["NaN", "the query returned NaN: not a number, e.g. from 0/0"],
    ["+Inf", "the query returned +Inf: an infinite value, e.g. from a division by zero"],
    ["-Inf", "the query returned -Inf: an infinite value, e.g. from a division by zero"],
  ])("normalise() makes a scalar %j unknown, never ok, and names the value", (v, error) => {
    const f = toTileFields(scalar(v), P({ direction: "below", warn: -10, fail: -20 }));
    expect(f.status).toBe("unknown");
    expect(f.value).toBeUndefined();
    expect(f.error).toBe(error);
  });

  it("normalise() makes a one-series vector with an empty value unknown (it was a green 0 ms)", () => {
    const f = toTileFields(vector(""), P());
    expect(f.status).toBe("unknown");
    expect(f.summary).not.toBe("0 ms");
    expect(f.error).toBe('the query returned an empty value ("") instead of a number');
  });

  it("normalise() makes a vector with one garbage series unknown and names that value", () => {
    const f = toTileFields(vector("12", "abc", "3"), P());
    expect(f.status).toBe("unknown");
    expect(f.error).toBe('a series returned "abc", which is not a number');
    expect(f.items?.map((i) => i.status)).toEqual(["unknown", "ok", "ok"]);
  });

  it("normalise() still reads Go's float spellings of real numbers", () => {
    for (const [text, value] of [
      ["1e-3", 0.001],
      ["-4.5", -4.5],
      ["42", 42],
    ] as const) {
      expect(toTileFields(scalar(text), P({ warn: undefined, fail: undefined }))).toMatchObject({
        status: "ok",
        value,
      });
    }
  });
});
