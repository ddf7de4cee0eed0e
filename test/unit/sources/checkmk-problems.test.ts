import { describe, expect, it } from "vitest";
import { HOST_STATE, params, SERVICE_STATE, toTileFields } from "../../../collector/sources/checkmk-problems.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");

describe("checkmk-problems", () => {
  it("maps Livestatus states explicitly", () => {
    expect(Object.values(SERVICE_STATE).map((s) => s.status)).toEqual(["ok", "warn", "fail", "unknown"]);
    expect(Object.values(HOST_STATE).map((s) => s.status)).toEqual(["ok", "fail", "unknown"]);
  });

  it("hardOnly: false lets the soft WARN colour the tile; a never-checked service is never soft", () => {
    const a = { services: fixture("checkmk/services.json"), gui: "https://cmk/site/check_mk" };
    expect(toTileFields(a, params.parse({}), now).value).toBe(2);
    expect(toTileFields(a, params.parse({ hardOnly: false }), now).value).toBe(3);
  });
});
