import { describe, expect, it } from "vitest";
import { params, toTileFields } from "../../../collector/sources/prometheus.ts";

const P = (p: Record<string, unknown> = {}) => params.parse({ query: "q", unit: "ms", warn: 500, fail: 1000, ...p });
const scalar = (v: string) => ({ resultType: "scalar", result: [1795926180.302, v] });
const vector = (...vs: string[]) => ({
  resultType: "vector",
  result: vs.map((v, i) => ({ metric: { instance: `web-${i + 1}` }, value: [1795926180.302, v] })),
});

describe("prometheus sample values that are not finite numbers", () => {
  it.each([
    ["", 'the query returned an empty value ("") instead of a number'],
    [" ", 'the query returned an empty value (" ") instead of a number'],
    ["abc", 'the query returned "abc", which is not a number'],
    ["0x10", 'the query returned "0x10", which is not a number'],
    ["NaN", "the query returned NaN: not a number, e.g. from 0/0"],
    ["+Inf", "the query returned +Inf: an infinite value, e.g. from a division by zero"],
    ["-Inf", "the query returned -Inf: an infinite value, e.g. from a division by zero"],
  ])("toTileFields() makes a scalar %j unknown, never ok, and names the value", (v, error) => {
    const f = toTileFields(scalar(v), P({ direction: "below", warn: -10, fail: -20 }));
    expect(f.status).toBe("unknown");
    expect(f.value).toBeUndefined();
    expect(f.error).toBe(error);
  });

  it("toTileFields() makes a one-series vector with an empty value unknown (it was a green 0 ms)", () => {
    const f = toTileFields(vector(""), P());
    expect(f.status).toBe("unknown");
    expect(f.summary).not.toBe("0 ms");
    expect(f.error).toBe('the query returned an empty value ("") instead of a number');
  });

  it("toTileFields() makes a vector with one garbage series unknown and names that value", () => {
    const f = toTileFields(vector("12", "abc", "3"), P());
    expect(f.status).toBe("unknown");
    expect(f.error).toBe('a series returned "abc", which is not a number');
    expect(f.items?.map((i) => i.status)).toEqual(["unknown", "ok", "ok"]);
  });

  it("toTileFields() still reads Go's float spellings of real numbers", () => {
    for (const [text, value] of [["1e-3", 0.001], ["-4.5", -4.5], ["42", 42]] as const) {
      expect(toTileFields(scalar(text), P({ warn: undefined, fail: undefined }))).toMatchObject({ status: "ok", value });
    }
  });
});
