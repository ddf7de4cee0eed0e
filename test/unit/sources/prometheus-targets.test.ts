import { describe, expect, it } from "vitest";
import source, { HEALTH, params, type Target } from "../../../collector/sources/prometheus-targets.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T04:23:02Z");
const targets = (name: string): Target[] => fixture(`prometheus/${name}`).data.activeTargets;
const P = (p: Record<string, unknown> = {}) => params.parse(p);

describe("prometheus-targets normalise()", () => {
  it.each([
    ["up", "ok"],
    ["down", "fail"],
    ["unknown", "unknown"],
  ])("maps target health %s to %s", (health, status) => {
    expect(HEALTH[health]).toBe(status);
    const [t] = targets("targets.json");
    expect(normaliseWith(source, { targets: [{ ...t!, health }] }, P(), { now }).status).toBe(status);
  });

  it("normalise() is ok with every target up, counting them", () => {
    const f = normaliseWith(source, { targets: targets("targets.json") }, P(), { now });
    expect(f).toMatchObject({ status: "ok", summary: "4/4 targets up", value: 0 });
    expect(f.items?.every((i) => i.status === "ok")).toBe(true);
  });

  it("normalise() fails on a down target and lists it first with its last error and scrape URL", () => {
    const f = normaliseWith(source, { targets: targets("targets-down.json"), link: "http://prom:9090/targets" }, P(), {
      now,
    });
    expect(f).toMatchObject({
      status: "fail",
      summary: "1/4 targets down: node web-1:9100",
      value: 1,
      url: "http://prom:9090/targets",
    });
    expect(f.items![0]).toMatchObject({
      title: "node web-1:9100",
      status: "fail",
      url: "http://web-1:9100/metrics",
      at: "2026-11-29T04:23:01.530619736Z",
      detail:
        'Get "http://web-1:9100/metrics": dial tcp web-1:9100: connect: connection refused · http://web-1:9100/metrics · scraped 0 s ago',
    });
  });

  it("normalise() judges only the targets of `job`", () => {
    expect(
      normaliseWith(source, { targets: targets("targets-down.json") }, P({ job: "prometheus" }), { now }),
    ).toMatchObject({ status: "ok", summary: "1/1 targets up" });
    expect(normaliseWith(source, { targets: targets("targets-down.json") }, P({ job: "node" }), { now }).status).toBe(
      "fail",
    );
  });

  it("normalise() is unknown, never ok, when there are no targets", () => {
    expect(normaliseWith(source, { targets: [] }, P(), { now })).toMatchObject({
      status: "unknown",
      summary: "no targets",
    });
    expect(normaliseWith(source, { targets: targets("targets.json") }, P({ job: "nope" }), { now })).toMatchObject({
      status: "unknown",
      summary: "no targets of job nope",
    });
  });

  it("normalise() is unknown while a target waits for its first scrape", () => {
    const [a, b] = targets("targets.json");
    const f = normaliseWith(
      source,
      { targets: [a!, { ...b!, health: "unknown", lastScrape: "0001-01-01T00:00:00Z" }] },
      P(),
      { now },
    );
    expect(f).toMatchObject({ status: "unknown", summary: "1/2 targets up, 1 not scraped yet" });
    expect(f.items![0]!.at).toBeUndefined();
  });

  it("normalise() is unknown for a health value it does not know, naming it", () => {
    const [t] = targets("targets.json");
    const f = normaliseWith(source, { targets: [{ ...t!, health: "flaky" }] }, P(), { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toBe('unknown target health "flaky"');
  });

  it("normalise() names at most three down targets in the summary", () => {
    const [t] = targets("targets-down.json").filter((x) => x.health === "down");
    const many = ["a", "b", "c", "d"].map((i) => ({ ...t!, labels: { job: "node", instance: `${i}:9100` } }));
    expect(normaliseWith(source, { targets: many }, P({ limit: 2 }), { now })).toMatchObject({
      summary: "4/4 targets down: node a:9100, node b:9100, node c:9100, …",
    });
    expect(normaliseWith(source, { targets: many }, P({ limit: 2 }), { now }).items).toHaveLength(2);
  });
});
