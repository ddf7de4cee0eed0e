import { describe, expect, it } from "vitest";
import { grafanaTileFields, params } from "../../../collector/sources/grafana-alerts.ts";
import alertmanager from "../../../collector/sources/alertmanager.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");

describe("grafana-alerts", () => {
  it("judges alerts exactly as the alertmanager kind does; only links differ", () => {
    const p = params.parse({});
    const g = grafanaTileFields({ alerts: fixture("grafana/alerts.json"), root: "https://g" }, p, { now, history: [] });
    const am = alertmanager.normalise({ alerts: fixture("grafana/alerts.json"), root: "https://g" }, p, {
      now,
      history: [],
    });
    expect({ ...g, url: undefined }).toEqual({ ...am, url: undefined });
    expect(g.url).toBe("https://g/alerting/groups");
  });

  it("an item without generatorURL links to Grafana's alert groups, not an Alertmanager route", () => {
    const [one] = fixture("grafana/alerts.json");
    delete one.generatorURL;
    const g = grafanaTileFields({ alerts: [one], root: "https://g" }, params.parse({}), { now, history: [] });
    expect(g.items![0]!.url).toBe("https://g/alerting/groups");
  });
});
