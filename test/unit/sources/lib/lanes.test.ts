import { describe, expect, it } from "vitest";
import { lanesTile, type LaneReading } from "../../../../collector/sources/lib/lanes.ts";

const now = new Date("2026-11-29T10:00:00Z");
const o = { now, behindWarnAfter: "1d" };
const staging: LaneReading = {
  environment: "staging",
  version: "1.4.3",
  deploy: "succeeded",
  at: "2026-11-27T10:00:00Z",
};
const prod: LaneReading = {
  environment: "production",
  version: "1.4.2",
  deploy: "succeeded",
  at: "2026-11-26T10:00:00Z",
};

describe("the environments tile rule", () => {
  it("production on an older version than staging for longer than behindWarnAfter is amber", () => {
    const f = lanesTile([staging, prod], o);
    expect(f).toMatchObject({ status: "warn", summary: "production is behind staging for 2 d", since: staging.at });
    expect(f.lanes!.map((l) => l.status)).toEqual(["ok", "warn"]);
  });

  it("counts from the first deploy to staging after production's own", () => {
    const recent = [
      { title: "1.4.3", at: "2026-11-29T08:00:00Z" },
      { title: "1.4.3-rc", at: "2026-11-28T09:00:00Z" },
    ];
    const f = lanesTile([{ ...staging, at: "2026-11-29T08:00:00Z", recent }, prod], o);
    expect(f).toMatchObject({ status: "warn", summary: "production is behind staging for 1 d 1 h" });
  });

  it("behind for less than the limit, or on the same version, is green", () => {
    expect(lanesTile([staging, prod], { ...o, behindWarnAfter: "3d" }).status).toBe("ok");
    expect(lanesTile([staging, { ...prod, version: "1.4.3" }], o)).toMatchObject({
      status: "ok",
      summary: "production on 1.4.3",
    });
  });

  it("a commit count of 0 is not behind even when versions differ", () => {
    expect(lanesTile([staging, { ...prod, behind: 0 }], o).status).toBe("ok");
  });

  it("a failed deploy anywhere is red, before anything amber", () => {
    const f = lanesTile([{ ...staging, deploy: "failed", by: "alice" }, prod], o);
    expect(f).toMatchObject({
      status: "fail",
      summary: "staging deploy of 1.4.3 failed · alice · 2 d ago",
      people: ["alice"],
    });
  });

  it("an unknown state is grey with the reason, never green", () => {
    const f = lanesTile([staging, { ...prod, deploy: "unknown", problem: 'unknown state "weird"' }], o);
    expect(f).toMatchObject({ status: "unknown", error: 'production: unknown state "weird"' });
    expect(lanesTile([], o)).toMatchObject({ status: "unknown", error: "no environments found" });
  });

  it("a deploy in progress runs; a rollback is amber", () => {
    expect(
      lanesTile(
        [
          { ...staging, deploy: "in_progress" },
          { ...prod, version: "1.4.3" },
        ],
        o,
      ),
    ).toMatchObject({
      status: "ok",
      running: true,
    });
    expect(lanesTile([staging, { ...prod, version: "1.4.3", deploy: "rolled_back" }], o)).toMatchObject({
      status: "warn",
      summary: "production: rolled back to 1.4.3",
    });
  });
});
