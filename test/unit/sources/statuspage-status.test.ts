import { describe, expect, it } from "vitest";
import source, { params } from "../../../collector/sources/statuspage-status.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const now = new Date("2026-11-29T10:00:00Z");

describe("statuspage-status normalise()", () => {
  it("maps major to fail with the page's description", () => {
    expect(normaliseWith(source, fixture("statuspage/status.json"), params.parse({}), { now }))
      .toMatchObject({ status: "fail", summary: "Partial System Outage" });
  });
});
