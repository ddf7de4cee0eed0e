import { describe, expect, it } from "vitest";
import { params, parsePerfdata, toTileFields } from "../../../collector/sources/icinga-service.ts";
import { fixture } from "../../helpers/fake-upstream.ts";

const now = new Date("2026-12-01T09:00:00Z");
const P = (p: Record<string, unknown>) => params.parse(p);

describe("icinga-service", () => {
  it.each([
    ["'/'=97%;90;95;0;100", { label: "/", value: 97, unit: "%" }],
    ["load1=4.2;4;8;0", { label: "load1", value: 4.2, unit: "" }],
    ["'it''s'=1.5e3ms", { label: "it's", value: 1500, unit: "ms" }],
    ["'/var'=U;90;95", { label: "/var", value: NaN, unit: "" }],
    [
      { type: "PerfdataValue", label: "rta", value: 0.12, unit: "s" },
      { label: "rta", value: 0.12, unit: "s" },
    ],
  ])("parsePerfdata(%j)", (item, expected) => {
    expect(parsePerfdata(item)).toEqual(expected);
  });

  it("appends the value to the previous series", () => {
    const f = toTileFields(fixture("icinga2/service-disk.json"), P({ host: "web-1", service: "disk" }), now, {
      series: [{ t: 1, v: 90 }],
    });
    expect(f.series).toEqual([
      { t: 1, v: 90 },
      { t: now.getTime(), v: 97 },
    ]);
  });

  it("a soft state keeps the last hard state's colour while hardOnly is on", () => {
    const body = fixture("icinga2/services-problems.json");
    const load = { results: [body.results[1]] };
    expect(toTileFields(load, P({ host: "web-1", service: "load" }), now)).toMatchObject({
      status: "ok",
      summary: "WARNING (soft 1/3): LOAD WARNING - load1 4.2",
      value: 4.2,
    });
    expect(toTileFields(load, P({ host: "web-1", service: "load", hardOnly: false }), now).status).toBe("warn");
  });

  it("not checked yet, an unknown state or a missing label is unknown", () => {
    const body = fixture("icinga2/services-problems.json");
    expect(toTileFields({ results: [body.results[4]] }, P({ host: "db-1", service: "never" }), now)).toMatchObject({
      status: "unknown",
      summary: "db-1!never: PENDING (not checked yet)",
    });
    const odd = { results: [{ ...body.results[0], attrs: { ...body.results[0].attrs, state: 9 } }] };
    expect(toTileFields(odd, P({ host: "web-1", service: "disk" }), now)).toMatchObject({
      status: "unknown",
      error: "unknown Icinga service state 9",
    });
    expect(
      toTileFields(fixture("icinga2/service-disk.json"), P({ host: "web-1", service: "disk", perfdata: "/home" }), now),
    ).toMatchObject({ status: "unknown", error: 'no performance data labelled "/home"' });
  });
});
