import { describe, expect, it } from "vitest";
import source, { params, type OnCall } from "../../../collector/sources/pagerduty-oncall.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const at = new Date("2026-11-29T10:00:00Z");
const nowList: OnCall[] = fixture("pagerduty/oncalls-now.json").oncalls;
const nextList: OnCall[] = fixture("pagerduty/oncalls-next.json").oncalls;

describe("pagerduty-oncall normalise()", () => {
  it("names who is on call at the first level, until when, and who is next", () => {
    const f = normaliseWith(source, { current: nowList, upcoming: nextList }, params.parse({ schedule: "PI7DH85" }), {
      now: at,
    });
    expect(f.status).toBe("ok");
    expect(f.summary).toBe("Alice Adams on call until Thu 3 Dec 09:00 UTC · next Chandra Rao");
    expect(f.people).toEqual(["Alice Adams", "next: Chandra Rao"]);
    expect(f.since).toBe("2026-11-26T09:00:00Z");
    expect(f.url).toBe("https://acme.pagerduty.com/schedules/PI7DH85");
    expect(f.items).toEqual([
      {
        title: "Alice Adams",
        status: "ok",
        url: "https://acme.pagerduty.com/users/PXPGF42",
        detail: "on call until Thu 3 Dec 09:00 UTC (3 d 23 h left)",
      },
      {
        title: "Chandra Rao",
        url: "https://acme.pagerduty.com/users/PCHN001",
        detail: "next, from Thu 3 Dec 09:00 UTC until Thu 10 Dec 09:00 UTC",
      },
    ]);
  });

  it("shows another escalation level when asked", () => {
    const f = normaliseWith(
      source,
      { current: nowList, upcoming: nextList },
      params.parse({ escalationPolicy: "PT20YPA", level: 2 }),
      { now: at },
    );
    expect(f.people).toEqual(["Bob Brown", "next: Alice Adams"]);
  });

  it("nobody on call fails the tile", () => {
    const f = normaliseWith(source, { current: [], upcoming: [] }, params.parse({ schedule: "PI7DH85" }), { now: at });
    expect(f).toMatchObject({ status: "fail", summary: "nobody is on call for schedule PI7DH85", people: [] });
  });

  it("someone permanently on call (no end) has no next", () => {
    const f = normaliseWith(
      source,
      { current: [{ ...nowList[0]!, start: null, end: null }], upcoming: [] },
      params.parse({ escalationPolicy: "PT20YPA" }),
      { now: at },
    );
    expect(f).toMatchObject({ status: "ok", summary: "Alice Adams on call", people: ["Alice Adams"] });
  });

  it("needs a schedule or an escalation policy", () => {
    expect(params.safeParse({}).success).toBe(false);
  });
});
