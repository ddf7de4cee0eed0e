import { describe, expect, it } from "vitest";
import source, { ACTIVITY, LAST_BUILD_STATUS, params, parseFeed } from "../../../collector/sources/cctray.ts";
import { fixture } from "../../helpers/fake-upstream.ts";
import { normaliseWith } from "../../helpers/normalise.ts";

const NOW = new Date("2026-11-29T10:30:00Z");
const feed = (status: string, activity: string, extra = "") =>
  `<?xml version="1.0"?><Projects><Project name="api" activity="${activity}" lastBuildStatus="${status}" lastBuildLabel="7" lastBuildTime="2026-11-29T10:18:00Z" webUrl="https://ci.example/api"${extra}/></Projects>`;
const one = params.parse({ project: "api" });

describe("cctray normalise()", () => {
  const CASES: [string, string, string, boolean][] = [];
  for (const [status, tile] of [
    ["Success", "ok"],
    ["Failure", "fail"],
    ["Exception", "fail"],
    ["Unknown", "unknown"],
  ] as const) {
    for (const [activity, running] of [
      ["Sleeping", false],
      ["Building", true],
      ["CheckingModifications", false],
    ] as const) {
      CASES.push([status, activity, tile, running]);
    }
  }
  it.each(CASES)("maps lastBuildStatus %s × activity %s to %s (running %s)", (status, activity, tile, running) => {
    const f = normaliseWith(source, feed(status, activity), one, { now: NOW });
    expect(f.status).toBe(tile);
    expect(f.running).toBe(running);
    expect(f.error).toBeUndefined();
  });

  it("lists every documented value of both tables in the cases above", () => {
    expect([...new Set(CASES.map((c) => c[0]))].sort()).toEqual(Object.keys(LAST_BUILD_STATUS).sort());
    expect([...new Set(CASES.map((c) => c[1]))].sort()).toEqual(Object.keys(ACTIVITY).sort());
  });

  it.each([
    ["Broken", "Sleeping", 'unknown cctray lastBuildStatus "Broken" on api'],
    ["Success", "Napping", 'unknown cctray activity "Napping" on api'],
    ["success", "Sleeping", 'unknown cctray lastBuildStatus "success" on api'],
  ])("maps an undocumented %s / %s to unknown, naming it", (status, activity, error) => {
    expect(normaliseWith(source, feed(status, activity), one, { now: NOW })).toMatchObject({
      status: "unknown",
      error,
    });
  });

  it("shows one project with its label, breakers and link", () => {
    const f = normaliseWith(source, fixture("cctray/cctray.xml"), params.parse({ project: "api :: test" }), {
      now: NOW,
    });
    expect(f).toMatchObject({
      status: "fail",
      running: true,
      people: ["Alice Liddell", "Bob Builder"],
      url: "https://ci.acme.example/go/pipelines/api/1433/test/1",
      summary: "api :: test #1433 failed · Alice Liddell · 18 min ago · building",
    });
  });

  it("aggregates the whole feed when no project is named: worst wins, one item per project, failing first", () => {
    const f = normaliseWith(source, fixture("cctray/cctray.xml"), params.parse({}), { now: NOW });
    expect(f).toMatchObject({
      status: "fail",
      running: true,
      summary: "2 of 4 failing: api :: test, docs · 1 building",
      people: ["Alice Liddell", "Bob Builder"],
    });
    expect(f.items?.map((i) => [i.title, i.status])).toEqual([
      ["api :: test", "fail"],
      ["docs", "fail"],
      ["api :: build", "ok"],
      ["web :: build", "ok"],
    ]);
    expect(f.items?.[3]).toMatchObject({ detail: "#88", at: "2026-11-29T08:10:00.000Z" });
  });

  it("is green only when every project passed", () => {
    const xml = fixture<string>("cctray/cctray.xml").replace(/"(Failure|Exception)"/g, '"Success"');
    expect(normaliseWith(source, xml, params.parse({}), { now: NOW })).toMatchObject({
      status: "ok",
      summary: "4 projects passing · 1 building",
    });
  });

  it("is unknown, naming the project, when the feed lacks it", () => {
    expect(
      normaliseWith(source, fixture("cctray/cctray.xml"), params.parse({ project: "nope" }), { now: NOW }),
    ).toMatchObject({ status: "unknown", error: 'no project named "nope" in the feed (4 projects)' });
  });

  it("reads a feed with a single project and one with none", () => {
    expect(parseFeed(feed("Success", "Sleeping"))).toHaveLength(1);
    expect(parseFeed("<Projects></Projects>")).toEqual([]);
    expect(normaliseWith(source, "<Projects/>", params.parse({}), { now: NOW }).status).toBe("unknown");
  });

  it("throws on malformed XML and on XML that is not a feed", () => {
    expect(() => parseFeed("<Projects><Project name='a'>")).toThrow(/not well-formed XML/);
    expect(() => parseFeed("<html><body>Login</body></html>")).toThrow(/not a cctray feed/);
  });
});
