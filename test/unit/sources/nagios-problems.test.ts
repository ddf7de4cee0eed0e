import { describe, expect, it } from "vitest";
import { HOST_STATUS, params, SERVICE_STATUS, toTileFields } from "../../../collector/sources/nagios-problems.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");
const root = "http://nagios/cgi-bin/nagios4";

describe("nagios-problems", () => {
  it("maps every documented status bit explicitly; pending is never ok", () => {
    expect(Object.fromEntries(Object.entries(SERVICE_STATUS).map(([k, v]) => [k, v.status]))).toEqual({
      1: "unknown",
      2: "ok",
      4: "warn",
      8: "unknown",
      16: "fail",
    });
    expect(Object.fromEntries(Object.entries(HOST_STATUS).map(([k, v]) => [k, v.status]))).toEqual({
      1: "unknown",
      2: "ok",
      4: "fail",
      8: "unknown",
    });
  });

  it("hardOnly: false lets the soft CRITICAL colour the tile", () => {
    const a = { services: fixture("nagios/servicelist.json"), root };
    expect(toTileFields(a, params.parse({}), now).value).toBe(2);
    expect(toTileFields(a, params.parse({ hardOnly: false }), now).value).toBe(3);
  });

  it("without the host list only services count", () => {
    const f = toTileFields(
      { services: fixture("nagios/servicelist-empty.json"), root },
      params.parse({ hosts: false }),
      now,
    );
    expect(f).toMatchObject({ status: "ok", summary: "no problems" });
  });
});
