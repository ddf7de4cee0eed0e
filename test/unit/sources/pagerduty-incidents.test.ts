import { describe, expect, it } from "vitest";
import source, { params, type Incident } from "../../../collector/sources/pagerduty-incidents.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");
const p = params.parse({});
const page1: Incident[] = fixture("pagerduty/incidents-page-1.json").incidents;
const page2: Incident[] = fixture("pagerduty/incidents-page-2.json").incidents;
const one = (over: Partial<Incident>): Incident => ({ ...page1[0]!, ...over });

describe("pagerduty-incidents normalise()", () => {
  it.each([
    ["triggered", "high", "fail"],
    ["triggered", "low", "fail"],
    ["acknowledged", "high", "warn"],
    ["acknowledged", "low", "warn"],
    ["resolved", "high", "ok"],
    ["snoozed", "high", "unknown"],
    ["acknowledged", "medium", "unknown"],
    ["triggered", "medium", "fail"],
  ] as const)("one %s incident of %s urgency makes the tile %s", (status, urgency, expected) => {
    const f = normaliseWith(source, { incidents: [one({ status, urgency })] }, p, { now });
    expect(f.status).toBe(expected);
    if (expected === "unknown" || urgency === "medium")
      expect(f.error).toMatch(status === "snoozed" ? /status "snoozed"/ : /urgency "medium"/);
    else expect(f.error).toBeUndefined();
  });

  it("no incidents is ok", () => {
    expect(normaliseWith(source, { incidents: [], total: 0 }, p, { now })).toMatchObject({
      status: "ok",
      summary: "no open incidents",
      value: 0,
      items: [],
    });
  });

  it("lists triggered incidents first with service, urgency, assignee and age, and fails since the oldest triggered one", () => {
    const f = normaliseWith(source, { incidents: [...page1, ...page2], total: 3 }, p, { now });
    expect(f.status).toBe("fail");
    expect(f.summary).toBe("1 triggered, 2 acknowledged · oldest 4 h ago");
    expect(f.since).toBe("2026-11-29T09:40:00Z");
    expect(f.items![0]).toEqual({
      title: "#1207 Disk full on db-3",
      status: "fail",
      url: "https://acme.pagerduty.com/incidents/Q0VVHAAKVF8GIS",
      detail: "triggered · Database cluster · high urgency · Alice Adams · 20 min ago",
      at: "2026-11-29T09:40:00Z",
    });
    expect(f.items!.map((i) => i.status)).toEqual(["fail", "warn", "warn"]);
    expect(f.people).toEqual(["Alice Adams", "Bob Brown"]);
  });

  it("with pages left unread and nothing triggered seen, it is unknown, not warn", () => {
    const f = normaliseWith(source, { incidents: page1, total: 300, truncated: true }, p, { now });
    expect(f.status).toBe("unknown");
    expect(f.error).toMatch(/only the first 2 were read/);
    expect(f.summary).toContain("(300 open in all)");
  });
});
