import { describe, expect, it } from "vitest";
import source, { params } from "../../../collector/sources/demo.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const at = (iso: string) => new Date(iso);

describe("demo source", () => {
  it("cycles: a build runs with progress, then ends passed or failed", () => {
    const p = params.parse({ scenario: "build", period: "100s" });
    const base = Math.floor(Date.parse("2026-11-29T10:00:00Z") / 100_000) * 100_000;
    const running = normaliseWith(source, undefined, p, { now: new Date(base + 5_000) });
    expect(running.running).toBe(true);
    expect(running.progress).toBeGreaterThan(0);
    expect(running.progress).toBeLessThan(1);
    const done = normaliseWith(source, undefined, p, { now: new Date(base + 99_000) });
    expect(done.running).toBe(false);
    expect(["ok", "fail"]).toContain(done.status);
    expect(done.summary).toMatch(/^Demo · #\d+ (passed|failed in .+) · \w/);
  });

  it("the broken scenario stays red for a long streak and names the culprits", () => {
    const p = params.parse({ scenario: "broken", period: "60s" });
    let red = 0;
    for (let i = 0; i < 20; i++)
      if (normaliseWith(source, undefined, p, { now: new Date(Date.UTC(2026, 10, 29, 10, i, 59)) }).status === "fail")
        red++;
    expect(red).toBeGreaterThanOrEqual(14);
    const fail = normaliseWith(source, undefined, p, { now: at("2026-11-29T10:05:59Z") });
    if (fail.status === "fail") {
      expect(fail.people!.length).toBeGreaterThan(0);
      expect(fail.items![0]!.status).toBe("fail");
    }
  });

  it("the flaky scenario both passes and fails over an hour", () => {
    const p = params.parse({ scenario: "flaky", period: "60s" });
    const seen = new Set(
      Array.from(
        { length: 60 },
        (_, i) => normaliseWith(source, undefined, p, { now: new Date(Date.UTC(2026, 10, 29, 10, i, 59)) }).status,
      ),
    );
    expect(seen).toEqual(new Set(["ok", "fail"]));
  });

  it("metric values follow the thresholds and come with a series", () => {
    const p = params.parse({ scenario: "metric", base: 100, warn: 150, fail: 220, unit: "ms" });
    const f = normaliseWith(source, undefined, p, { now: at("2026-11-29T10:00:00Z") });
    expect(f.series).toHaveLength(30);
    expect(f.status).toBe(f.value! >= 220 ? "fail" : f.value! >= 150 ? "warn" : "ok");
    expect(f.summary).toMatch(/^Demo · [\d.]+ ms \(simulated/);
  });

  it("is a pure function of the clock: every screen tells the same story", () => {
    const p = params.parse({ scenario: "flaky" });
    expect(normaliseWith(source, undefined, p, { now: at("2026-11-29T10:00:00Z") })).toEqual(
      normaliseWith(source, undefined, p, { now: at("2026-11-29T10:00:00Z") }),
    );
  });
});
